using Dropout.MLNet.Sweeps;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Orleans.Tests;

/// <summary>The experiment both sides build: three classes from noisy linear scores of 6 features, a small network, a 12-trial grid.</summary>
internal static class SweepData
{
    public const int Trials = 12;

    /// <param name="mlContext">The context.</param>
    /// <param name="epochCompleted">Told of every epoch of every trial (on a worker: the trials it runs); training is the same with or without it.</param>
    public static DropoutMlpExperiment Experiment(MLContext mlContext, Action<EpochRecord>? epochCompleted = null)
    {
        var options = new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [16],
            MaximumNumberOfEpochs = 12,
            EarlyStoppingPatience = null,
            NumberOfThreads = 1,
            EpochCompleted = epochCompleted,
        };
        var space = new SearchSpace
        {
            ["DropoutRate"] = new UniformSingleOption(0f, 0.6f),
            ["LearningRate"] = new UniformSingleOption(1e-3f, 3e-2f, logBase: true),
        };
        return mlContext.DropoutMlpSweeps().CreateExperiment(seed: 3)
            .SetPipeline(mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Class))
                .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options)))
            .SetDataset(Load(mlContext), testFraction: 0.3, stratificationColumnName: nameof(Row.Class))
            .SetSearchSpace(space)
            .SetGridSearchTuner(stepsPerRange: 4)
            .SetMaxTrials(Trials);
    }

    /// <summary>The same experiment tuned by SMAC (which learns from each trial's result) with ASHA pruning.</summary>
    public static DropoutMlpExperiment SmacExperiment(MLContext mlContext) =>
        Experiment(mlContext).SetSmacTuner(initialTrials: 3).SetPruner(new AshaPruner(gracePeriod: 3)).SetMaxTrials(8);

    /// <summary>Each trial as the tests compare them: number, hyperparameters, status, metric to the last bit, epochs.</summary>
    public static string[] Describe(DropoutMlpExperimentResult result) =>
        [.. result.Trials.Select(t => $"{t.TrialId} {t.Parameter} {t.Status} {t.Metric:R} {t.EpochsRun}")];

    private static IDataView Load(MLContext mlContext)
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 600).Select(_ =>
        {
            var x = Enumerable.Range(0, 6).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            double a = x[0] + x[1] - x[2], b = x[3] - x[4] + (0.5 * x[5]);
            string label = random.NextDouble() < 0.1 ? "noise" : a > 0.3 ? "a" : b > 0 ? "b" : "c";
            return new Row { Class = label, Features = x };
        }).ToArray();
        return mlContext.Data.LoadFromEnumerable(rows);
    }

    private sealed class Row
    {
        public string Class { get; set; } = "";

        [VectorType(6)]
        public float[] Features { get; set; } = [];
    }
}
