using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dropout.MLNet.Sweeps;
using Microsoft.ML;

namespace Dropout.MLNet.Benchmarks.Runs;

/// <summary>
/// Whether a sweep earns its keep: SMAC with ASHA pruning over dropout rate, input dropout rate, learning rate, weight
/// decay, width and depth, each trial trained on 50,000 of the 60,000 training images (early stopping on the accuracy of 10 % of them)
/// and judged on the other 10,000; the best hyperparameters refit on all 60,000 and scored once on the 10,000 test images.
/// </summary>
internal static class FashionMnistSweep
{
    public static string Run(MLContext mlContext, BenchmarkData data, int trials, double hours, int threads)
    {
        var options = new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [512, 256],
            MaximumNumberOfEpochs = 100,
            MaximumRowPasses = null, // the epochs of the sweep so far (NOTES.md)
            EarlyStoppingPatience = 10,
            EarlyStoppingMetric = EarlyStoppingMetric.ValidationAccuracy,
            BatchSize = 128,
            NumberOfThreads = threads,
            // The space and figures of the sweep so far (NOTES.md): pixels z-scored, not embedded.
            NumericalEmbedding = NumericalEmbedding.None,
            FeatureScaling = FeatureScaling.Standard,
        };
        var space = SearchSpace.FromOptions(options).Only("DropoutRate", "InputDropoutRate", "LearningRate", "WeightDecay",
            SearchSpace.HiddenLayerWidth, SearchSpace.HiddenLayerCount);
        space[SearchSpace.HiddenLayerWidth] = new UniformIntOption(256, 1536, logBase: true, defaultValue: 512);
        space[SearchSpace.HiddenLayerCount] = new UniformIntOption(1, 3, defaultValue: 2);
        space["LearningRate"] = new UniformSingleOption(1e-4f, 3e-3f, logBase: true, defaultValue: 1e-3f);

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.Transforms.CopyColumns("Features", "Pixels"))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options));
        var report = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var result = mlContext.DropoutMlpSweeps().CreateExperiment(seed: 0)
            .SetPipeline(pipeline)
            .SetDataset(data.Train, testFraction: 1.0 / 6)
            .SetMetric(SweepMetric.MicroAccuracy)
            .SetSearchSpace(space)
            .SetSmacTuner(initialTrials: 6)
            .SetPruner(new AshaPruner(gracePeriod: 10))
            .SetMaxTrials(trials)
            .SetTrainingTimeInSeconds((uint)(hours * 3600))
            .SetRefitOnAllData()
            .SetProgress(t => Console.Error.WriteLine(Line(t, clock.Elapsed)))
            .Run();
        double sweepMinutes = clock.Elapsed.TotalMinutes;
        Console.Error.WriteLine($"[{sweepMinutes:F1} min] refit done");

        var scored = result.Model.Transform(data.Test);
        double accuracy = mlContext.MulticlassClassification.Evaluate(scored).MicroAccuracy;
        var refit = result.Model.FindDropoutMlp().Model;
        report.AppendLine(CultureInfo.InvariantCulture, $"| trials | completed | pruned | failed | minutes (sweep + refit) | best trial | validation accuracy | refit epochs (best) | test accuracy, refit on 60k |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {result.Trials.Count} | {Count(result, TrialStatus.Completed)} | {Count(result, TrialStatus.Pruned)} | {Count(result, TrialStatus.Failed)} | {sweepMinutes:F1} | {result.BestTrial.TrialId}: {result.BestParameter} | {result.BestTrial.Metric:F4} | {refit.History.Count} ({refit.BestEpoch}) | {accuracy:F4} |");
        return report.ToString();
    }

    private static int Count(DropoutMlpExperimentResult result, TrialStatus status) => result.Trials.Count(t => t.Status == status);

    private static string Line(TrialResult trial, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"[{elapsed.TotalMinutes:F1} min] trial {trial.TrialId}: {trial.Parameter} -> {trial.Status} {trial.Metric:F4} ({trial.EpochsRun} epochs, {trial.Duration.TotalSeconds:F0} s)");
}
