using System.Diagnostics;
using Microsoft.ML;

namespace Dropout.MLNet.Benchmarks;

/// <summary>One whole training run of the benchmark's MLP (784-512-256-10, ReLU, Adam 1e-3, batch 128) through an ML.NET pipeline.</summary>
internal static class TrainingRun
{
    public sealed record Result(IReadOnlyList<double> EpochSeconds, double TestAccuracy, double PeakWorkingSetMegabytes);

    public static Result Run(MLContext mlContext, IDataView train, IDataView test, float dropoutRate, int epochs, int threads)
    {
        var epochSeconds = new List<double>();
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.Transforms.CopyColumns("Features", "Pixels"))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [512, 256],
                DropoutRate = dropoutRate,
                LearningRate = 1e-3f,
                BatchSize = 128,
                MaximumNumberOfEpochs = epochs,
                ValidationFraction = 0f,
                EarlyStoppingPatience = null,
                NumberOfThreads = threads,
                EpochCompleted = epoch => epochSeconds.Add(epoch.Duration.TotalSeconds),
            }));
        var model = pipeline.Fit(train);
        double accuracy = mlContext.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
        return new Result(epochSeconds, accuracy, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
    }
}
