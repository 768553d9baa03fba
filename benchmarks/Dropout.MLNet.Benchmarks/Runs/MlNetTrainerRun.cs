using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Dropout.MLNet.Benchmarks.Runs;

/// <summary>ML.NET's own multiclass trainers on the same data, with their default settings (min-max scaling for the linear ones).</summary>
internal static class MlNetTrainerRun
{
    public static readonly string[] Trainers = ["LightGbm", "SdcaMaximumEntropy", "LbfgsMaximumEntropy"];

    public static RunResult Run(MLContext mlContext, BenchmarkData data, string trainer, int threads, bool smoke, string modelFolder)
    {
        var prefix = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.Transforms.CopyColumns("Features", "Pixels"));
        var trainers = mlContext.MulticlassClassification.Trainers;
        IEstimator<ITransformer> estimator = trainer switch
        {
            "LightGbm" => trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfThreads = threads,
                NumberOfIterations = smoke ? 5 : 100,
            }),
            "SdcaMaximumEntropy" => mlContext.Transforms.NormalizeMinMax("Features")
                .Append(trainers.SdcaMaximumEntropy(new() { NumberOfThreads = threads, MaximumNumberOfIterations = smoke ? 2 : null })),
            "LbfgsMaximumEntropy" => mlContext.Transforms.NormalizeMinMax("Features")
                .Append(trainers.LbfgsMaximumEntropy(new() { NumberOfThreads = threads, MaximumNumberOfIterations = smoke ? 5 : int.MaxValue })),
            _ => throw new ArgumentException($"Unknown trainer '{trainer}'; expected one of {string.Join(", ", Trainers)}."),
        };

        var clock = Stopwatch.StartNew();
        var model = prefix.Append(estimator).Fit(data.Train);
        double trainingSeconds = clock.Elapsed.TotalSeconds;
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

        var scoring = ScoringSpeed.OfSavedModel(mlContext, model, data, Path.Combine(modelFolder, $"{trainer}.zip"));
        return new RunResult(trainer, [], trainingSeconds, scoring.Accuracy, peak, scoring.TransformRowsPerSecond, scoring.PredictionMicroseconds);
    }
}
