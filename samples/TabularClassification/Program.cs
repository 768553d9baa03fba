using Dropout.MLNet;
using Microsoft.ML;
using TabularClassification;

// Train a dropout MLP on the Palmer penguins, evaluate it, save it, load it back and predict one penguin.
var dataPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "Data", "penguins.csv");
var outputFolder = args.Length > 1 ? args[1] : "output";
Directory.CreateDirectory(outputFolder);

var mlContext = new MLContext(seed: 0);
var data = mlContext.Data.LoadFromTextFile<PenguinsModel.ModelInput>(dataPath, separatorChar: ',', hasHeader: true);
var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2, seed: 0);

var options = new DropoutMlpMulticlassTrainer.Options
{
    HiddenLayerSizes = [32, 16],
    DropoutRate = 0.3f,
    MaximumNumberOfEpochs = 200,
    BatchSize = 32,
    LearningRate = 0.003f,
    EarlyStoppingPatience = 20,
    EpochCompleted = epoch => Console.WriteLine(
        $"epoch {epoch.Epoch,3}  train loss {epoch.TrainLoss:F4}  validation loss {epoch.ValidationLoss:F4}  validation accuracy {epoch.ValidationAccuracy:P1}"),
};
var model = PenguinsModel.RetrainPipeline(mlContext, split.TrainSet, options);

var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: "Label");
Console.WriteLine($"Test micro accuracy {metrics.MicroAccuracy:F4}, macro accuracy {metrics.MacroAccuracy:F4}, log-loss {metrics.LogLoss:F4}");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

var modelPath = Path.Combine(outputFolder, "model.zip");
mlContext.Model.Save(model, data.Schema, modelPath);
var loaded = mlContext.Model.Load(modelPath, out _);
var penguin = mlContext.Data.CreateEnumerable<PenguinsModel.ModelInput>(split.TestSet, reuseRowObject: false).First();
Console.WriteLine($"Saved {modelPath}; the loaded model predicts '{PenguinsModel.Predict(mlContext, loaded, penguin).PredictedLabel}' for a penguin of species {penguin.Species}:");
foreach (var (species, probability) in PenguinsModel.PredictAllLabels(mlContext, loaded, penguin))
{
    Console.WriteLine($"  {species,-10} {probability:P1}");
}
