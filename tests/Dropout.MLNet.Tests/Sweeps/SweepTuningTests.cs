using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>
/// Sweeps on data built to overfit (few rows, a wide network, 20% label noise), scored on held-out rows by log-loss:
/// what dropout is for, what the tuners find, what pruning saves.
/// </summary>
[TestClass]
public sealed class SweepTuningTests
{
    private const double Noise = 0.03;
    private static DropoutMlpExperimentResult s_grid = null!;

    [ClassInitialize]
    public static void RunGrid(TestContext context)
    {
        _ = context;
        s_grid = DropoutRateExperiment(new MLContext(seed: 1)).SetGridSearchTuner(stepsPerRange: 10).Run();
    }

    [TestMethod]
    public void GridOverDropoutRate_BestRateIsAboveZero_AndBeatsZeroOnHeldOutRows()
    {
        Assert.HasCount(10, s_grid.Trials);
        var zero = s_grid.Trials.Single(t => t.Parameter.GetValue<float>("DropoutRate") == 0f);
        float bestRate = s_grid.BestParameter.GetValue<float>("DropoutRate");

        Assert.IsGreaterThan(0f, bestRate, "the best rate");
        Assert.IsLessThan(zero.Metric - Noise, s_grid.BestTrial.Metric, $"log-loss at p = {bestRate} against p = 0:{Describe(s_grid)}");
    }

    [TestMethod]
    public void SmacTuner_ReachesTheGridsBest_InFewerTrials()
    {
        var smac = DropoutRateExperiment(new MLContext(seed: 1)).SetSmacTuner(initialTrials: 4).SetMaxTrials(6).Run();

        Assert.HasCount(6, smac.Trials);
        Assert.IsLessThan(s_grid.BestTrial.Metric + Noise, smac.BestTrial.Metric, $"SMAC's best log-loss against the grid's:{Describe(smac)}{Describe(s_grid)}");
    }

    [TestMethod]
    public void SameSeed_GivesTheSameTrials()
    {
        TrialResult[] Run() => [.. DropoutRateExperiment(new MLContext(seed: 1), epochs: 20).SetSmacTuner(initialTrials: 2).SetMaxTrials(4).Run().Trials];

        var first = Run();
        var second = Run();
        CollectionAssert.AreEqual(first.Select(t => t.Parameter.ToString()).ToArray(), second.Select(t => t.Parameter.ToString()).ToArray());
        CollectionAssert.AreEqual(first.Select(t => t.Metric).ToArray(), second.Select(t => t.Metric).ToArray());
    }

    [TestMethod]
    public void Pruning_RunsAtMostHalfTheEpochs_AndFindsABestWithinNoise()
    {
        DropoutMlpExperimentResult Sweep(AshaPruner? pruner)
        {
            var mlContext = new MLContext(seed: 1);
            var options = OverfitData.WideNetwork(epochs: 40) with { ValidationFraction = 0.25f };
            var space = new SearchSpace { ["DropoutRate"] = new UniformSingleOption(0f, 0.9f) };
            return mlContext.DropoutMlpSweeps().CreateExperiment(seed: 3)
                .SetPipeline(OverfitData.Featurizer(mlContext).Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options)))
                .SetDataset(OverfitData.Load(mlContext, 240, seed: 1), OverfitData.Load(mlContext, 2000, seed: 2))
                .SetMetric(SweepMetric.LogLoss)
                .SetSearchSpace(space)
                .SetRandomSearchTuner()
                .SetMaxTrials(9)
                .SetPruner(pruner)
                .Run();
        }

        var full = Sweep(null);
        var pruned = Sweep(new AshaPruner(gracePeriod: 4, reductionFactor: 3));

        int fullEpochs = full.Trials.Sum(t => t.EpochsRun);
        int prunedEpochs = pruned.Trials.Sum(t => t.EpochsRun);
        string trials = Describe(full) + Describe(pruned);
        Assert.IsLessThanOrEqualTo(fullEpochs / 2, prunedEpochs, $"epochs with pruning ({prunedEpochs}) against without ({fullEpochs}):{trials}");
        Assert.IsTrue(pruned.Trials.Any(t => t.Status == TrialStatus.Pruned), $"some trial was pruned:{trials}");
        Assert.IsLessThan(full.BestTrial.Metric + Noise, pruned.BestTrial.Metric, $"best log-loss with pruning against without:{trials}");
    }

    /// <summary>A sweep of the dropout rate in [0, 0.9] alone, on 150 training rows, evaluated by log-loss on 2000 held-out rows.</summary>
    private static DropoutMlpExperiment DropoutRateExperiment(MLContext mlContext, int epochs = 60)
    {
        var options = OverfitData.WideNetwork(epochs);
        var space = SearchSpace.FromOptions(options).Only("DropoutRate");
        space["DropoutRate"] = new UniformSingleOption(0f, 0.9f, defaultValue: 0.2f);
        return mlContext.DropoutMlpSweeps().CreateExperiment(seed: 5)
            .SetPipeline(OverfitData.Featurizer(mlContext)
                .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options))
                .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel")))
            .SetDataset(OverfitData.Load(mlContext, 150, seed: 1), OverfitData.Load(mlContext, 2000, seed: 2))
            .SetMetric(SweepMetric.LogLoss)
            .SetSearchSpace(space);
    }

    private static string Describe(DropoutMlpExperimentResult result) =>
        string.Concat(result.Trials.Select(t => $"\n  {t.TrialId}: {t.Parameter} -> {t.Metric:F4} {t.Status} after {t.EpochsRun} epochs"));
}
