using Dropout.MLNet;
using Dropout.MLNet.Sweeps;
using Microsoft.ML;
using Microsoft.ML.Data;
using Spectre.Console;

namespace TabularClassification;

/// <summary>The app's steps: load and split, (sweep,) train with progress, evaluate, save, reload and predict, draw.</summary>
public static class SampleRun
{
    /// <summary>Runs every step and prints what it finds.</summary>
    /// <exception cref="InvalidDataException">The CSV cannot be used.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static void Run(SampleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.DataPath is { } path && !File.Exists(path))
        {
            throw new FileNotFoundException($"The data file '{path}' does not exist.");
        }

        Directory.CreateDirectory(settings.OutputFolder);
        var mlContext = new MLContext(settings.Seed).UsePrivateTempFolder();
        var columns = settings.IsPenguins ? DataColumns.PenguinsWithout(settings.Ignore) : DataColumns.Infer(settings.DataFile, settings.Label, settings.Ignore);
        var data = settings.IsPenguins
            ? PenguinsModel.LoadIDataViewFromFile(mlContext, settings.DataFile, separatorChar: ',', hasHeader: true)
            : columns.Load(mlContext, settings.DataFile);
        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2, seed: settings.Seed);
        Console.WriteLine($"Data {settings.DataPath ?? "shipped Palmer penguins"}: label {columns.Label}, "
            + $"{columns.Numeric.Count} numeric and {columns.Categorical.Count} categorical features"
            + (columns.Ignored.Count > 0 ? $"; ignored {string.Join(", ", columns.Ignored)} (identifiers: {DataColumns.IdentifierReason})" : "")
            + (columns.LeftOut.Count > 0 ? $"; left out {string.Join(", ", columns.LeftOut)} (--ignore)" : "")
            + (columns.UnlabeledRows > 0 ? $"; {columns.UnlabeledRows} row{(columns.UnlabeledRows == 1 ? "" : "s")} without a label left out" : ""));
        DataWarnings.Print(columns);

        var options = new DropoutMlpMulticlassTrainer.Options { Seed = settings.Seed };
        options = options with
        {
            DropoutRate = settings.DropoutRate ?? options.DropoutRate,
            MaximumNumberOfEpochs = settings.Epochs ?? options.MaximumNumberOfEpochs,
            LabelColumnName = columns.KeyLabel,
        };
        options.Validate();
        DropoutMlpExperimentResult? sweep = null;
        if (settings.Sweep)
        {
            (options, sweep) = SweepStep.FindBest(mlContext, columns, split.TrainSet, options, settings);
        }

        var (model, history) = TrainingProgress.Train(options, o => PenguinsModel.RetrainModel(mlContext, split.TrainSet, columns, o));
        var curves = Charts.LearningCurves(history, Path.Combine(settings.OutputFolder, "learning-curves.png"));
        Console.WriteLine($"Trained {history.Count} epochs (best: {history.LastOrDefault(e => e.IsBest)?.Epoch ?? history.Count}); learning curves in {curves}");

        var scored = model.Transform(split.TestSet);
        var metrics = mlContext.MulticlassClassification.Evaluate(scored, labelColumnName: columns.KeyLabel);
        Console.WriteLine($"Test micro accuracy {metrics.MicroAccuracy:F4}, macro accuracy {metrics.MacroAccuracy:F4}, log-loss {metrics.LogLoss:F4}"
            + (TwoClassAuc.Of(scored, columns.KeyLabel) is var (auc, positive, negative) ? $", AUC {auc:F4} ('{positive}' against '{negative}')" : ""));
        Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());
        DataWarnings.PrintFewTestRows(metrics.ConfusionMatrix.Counts.Sum(row => row.Sum()));

        var modelPath = Path.Combine(settings.OutputFolder, "PenguinsModel.mlnet");
        PenguinsModel.SaveModel(mlContext, model, data, modelPath);
        var record = RunRecord.Write(settings.OutputFolder, settings, columns, options, sweep, metrics);
        Console.WriteLine($"Options, sweep trials and test metrics in {record}");

        var loaded = mlContext.Model.Load(modelPath, out _);
        PrintFeatureImportance(mlContext, loaded, split.TestSet, columns.KeyLabel);
        PrintOnePrediction(mlContext, loaded, split.TestSet, settings, modelPath, (columns.LabelValues ?? []).ToHashSet(StringComparer.Ordinal));
    }

    private static void PrintFeatureImportance(MLContext mlContext, ITransformer loaded, IDataView test, string keyLabel)
    {
        Console.WriteLine("Feature importance (macro accuracy lost on the test rows when the column is shuffled):");
        foreach (var (column, loss) in PenguinsModel.CalculatePFI(mlContext, test, loaded, labelColumnName: keyLabel))
        {
            Console.WriteLine($"  {column,-24} {loss:F4}");
        }
    }

    private static void PrintOnePrediction(MLContext mlContext, ITransformer loaded, IDataView test, SampleSettings settings, string modelPath, IReadOnlySet<string> known)
    {
        IReadOnlyList<KeyValuePair<string, float>> scores;
        string truth;
        if (settings.IsPenguins)
        {
            var penguin = mlContext.Data.CreateEnumerable<PenguinsModel.ModelInput>(test, reuseRowObject: false).First();
            truth = penguin.Species;
            PenguinsModel.MLNetModelPath = modelPath;
            scores = [.. PenguinsModel.PredictAllLabels(penguin)];
        }
        else
        {
            // The first test row with a label (a row whose label is missing has no truth to show).
            int first;
            (truth, first) = test.GetColumn<string>(settings.Label).Select((value, index) => (value, index)).FirstOrDefault(pair => known.Contains(pair.value));
            var row = mlContext.Data.TakeRows(first == 0 ? test : mlContext.Data.SkipRows(test, first), 1);
            scores = [.. PenguinsModel.PredictAllLabels(loaded, row)];
        }

        Console.WriteLine($"Saved {modelPath}; the loaded model predicts '{scores[0].Key}' for a test row whose {settings.Label} is '{truth}':");
        foreach (var (name, probability) in scores)
        {
            Console.WriteLine($"  {name,-12} {probability:P1}");
        }
    }
}
