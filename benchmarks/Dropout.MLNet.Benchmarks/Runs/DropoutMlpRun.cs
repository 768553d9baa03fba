using System.Diagnostics;
using Microsoft.ML;

namespace Dropout.MLNet.Benchmarks.Runs;

/// <summary>The benchmark's MLP (784-512-256-10, ReLU, Adam 1e-3, batch 128, no validation split) trained through an ML.NET pipeline.</summary>
internal static class DropoutMlpRun
{
    public static readonly int[] HiddenLayerSizes = [512, 256];
    public const int BatchSize = 128;

    /// <param name="numericParts">
    /// Whether to add periodic embeddings and robust scaling; without them the network is the same as PyTorch's, for a
    /// comparison of speed.
    /// </param>
    public static RunResult Run(MLContext mlContext, BenchmarkData data, float dropoutRate, int epochs, int threads, string modelFolder, bool numericParts = false)
    {
        var epochSeconds = new List<double>();
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.Transforms.CopyColumns("Features", "Pixels"))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = HiddenLayerSizes,
                DropoutRate = dropoutRate,
                LearningRate = 1e-3f,
                BatchSize = BatchSize,
                MaximumNumberOfEpochs = epochs,
                MaximumRowPasses = null, // every epoch asked for, as the PyTorch side trains
                ValidationFraction = 0f,
                EarlyStoppingPatience = null,
                NumberOfThreads = threads,
                EpochCompleted = epoch => epochSeconds.Add(epoch.Duration.TotalSeconds),
                NumericalEmbedding = numericParts ? NumericalEmbedding.Periodic : NumericalEmbedding.None,
                FeatureScaling = numericParts ? FeatureScaling.RobustSmoothClip : FeatureScaling.Standard,
            }));
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(data.Train);
        double trainingSeconds = clock.Elapsed.TotalSeconds;
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

        var scoring = ScoringSpeed.OfSavedModel(mlContext, model, data, Path.Combine(modelFolder, $"dropout-mlp-{dropoutRate}.zip"));
        return new RunResult($"Dropout.MLNet p={dropoutRate}{(numericParts ? ", periodic embeddings, robust scaling" : string.Empty)}", epochSeconds, trainingSeconds, scoring.Accuracy, peak,
            scoring.TransformRowsPerSecond, scoring.PredictionMicroseconds);
    }
}
