using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

/// <summary>
/// The contract every DropoutMlp trainer keeps with ML.NET, checked as ML.NET's own estimator tests check theirs: the
/// output schema it declares is the one it delivers, a saved and loaded model gives the same schema and scores, it loads
/// in a process without Dropout.MLNet, and bad input is refused at pipeline construction, fit and scoring.
/// </summary>
[TestClass]
public sealed class EstimatorContractTests
{
    [TestMethod]
    [DataRow("multiclass")]
    [DataRow("binary")]
    [DataRow("regression")]
    public void DeclaredOutputSchema_IsTheDeliveredOne(string task)
    {
        var (mlContext, trainer, data) = ContractCase.Of(task);

        var promised = trainer.GetOutputSchema(Shapes.Of(data.Schema));
        using var model = (IDisposable)trainer.Fit(data);
        var delivered = Shapes.Of(((ITransformer)model).GetOutputSchema(data.Schema));

        // As ML.NET's SchemaShape.Column.IsCompatibleWith both ways: kind, item type, key-ness and annotations alike.
        CollectionAssert.AreEquivalent(promised.Select(Describe).ToArray(), delivered.Select(Describe).ToArray(), task);
    }

    [TestMethod]
    [DataRow("multiclass")]
    [DataRow("binary")]
    [DataRow("regression")]
    public void SavedAndLoaded_GivesTheSameSchemaAndScores_AlsoWithoutDropoutMLNet(string task)
    {
        var (mlContext, trainer, data) = ContractCase.Of(task);
        var model = trainer.Fit(data);
        var folder = Directory.CreateTempSubdirectory("dropout-mlnet-contract-").FullName;
        var modelPath = Path.Combine(folder, "model.zip");
        mlContext.Model.Save(model, data.Schema, modelPath);

        var loaded = new MLContext(seed: 5).Model.Load(modelPath, out _);
        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        CollectionAssert.AreEqual(expected.Schema.Select(Describe).ToArray(), actual.Schema.Select(Describe).ToArray(), task);
        var scores = Scores(expected);
        CollectionAssert.AreEqual(scores, Scores(actual), task);

        var rowsPath = Path.Combine(folder, "rows.csv");
        var features = data.GetColumn<float[]>("Features").Take(10).ToArray();
        File.WriteAllLines(rowsPath, features.Select(r => string.Join(',', r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
        var output = SiblingProcess.Run("tests/Dropout.MLNet.LoadProbe", modelPath, rowsPath, features[0].Length);
        Assert.AreEqual("Dropout.MLNet loaded: False", output[^1]);
        int width = scores.Length / data.GetColumn<float[]>("Features").Count();
        var probed = output[..^1].SelectMany(line => line.Split(' ')).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        CollectionAssert.AreEqual(scores.Take(10 * width).ToArray(), probed, $"{task}: scores of a process without Dropout.MLNet");
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    [DataRow("multiclass")]
    [DataRow("binary")]
    [DataRow("regression")]
    public void BadInput_IsRefused_NamingTheColumn(string task)
    {
        var (mlContext, trainer, data) = ContractCase.Of(task);
        var wrongLabel = ContractCase.WithTextLabel(mlContext, data);

        var atConstruction = Assert.ThrowsExactly<ArgumentException>(() => trainer.GetOutputSchema(Shapes.Of(wrongLabel.Schema)));
        StringAssert.Contains(atConstruction.Message, "Label column 'Label'");
        var atFit = Assert.ThrowsExactly<ArgumentException>(() => trainer.Fit(wrongLabel));
        StringAssert.Contains(atFit.Message, "Label column 'Label'");

        var model = trainer.Fit(data);
        var noFeatures = mlContext.Transforms.DropColumns("Features").Fit(data).Transform(data);
        var atScoring = Assert.ThrowsExactly<ArgumentException>(() => model.Transform(noFeatures));
        StringAssert.Contains(atScoring.Message, "Feature column 'Features'");
    }

    private static string Describe(SchemaShape.Column column) =>
        $"{column.Name}: {column.Kind} {column.ItemType} key {column.IsKey} [{string.Join(", ", column.Annotations.Select(Describe).Order())}]";

    private static string Describe(DataViewSchema.Column column) => $"{column.Name}:{column.Type}:{string.Join('+', column.Annotations.Schema.Select(a => a.Name))}";

    private static float[] Scores(IDataView scored) => scored.Schema["Score"].Type is VectorDataViewType
        ? [.. scored.GetColumn<float[]>("Score").SelectMany(row => row)]
        : [.. scored.GetColumn<float>("Score")];
}
