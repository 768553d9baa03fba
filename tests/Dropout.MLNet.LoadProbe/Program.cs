using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: LoadProbe <model.zip> <features.csv> <feature count>
// Loads the model with ML.NET only, scores the rows (one float vector column "Features") and prints one line per row:
// the Score values (a vector for multiclass, one value for binary and regression), separated by spaces. The last line
// says whether Dropout.MLNet was ever loaded in this process.
var mlContext = new MLContext(seed: 0);
_ = typeof(Microsoft.ML.Transforms.Onnx.OnnxTransformer);
var model = mlContext.Model.Load(args[0], out _);
int size = int.Parse(args[2], CultureInfo.InvariantCulture);
var rows = mlContext.Data.LoadFromTextFile(args[1], [new TextLoader.Column("Features", DataKind.Single, 0, size - 1)], separatorChar: ',');
var scored = model.Transform(rows);
var scores = scored.Schema["Score"].Type is VectorDataViewType
    ? scored.GetColumn<float[]>("Score")
    : scored.GetColumn<float>("Score").Select(score => new[] { score });
foreach (var score in scores)
{
    Console.WriteLine(string.Join(' ', score.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
}

Console.WriteLine("Dropout.MLNet loaded: " + AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Dropout.MLNet"));
