using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>The monitor hears every trial start, every epoch with the decision to go on, every end, and every new best.</summary>
[TestClass]
public sealed class SweepMonitorTests
{
    [TestMethod]
    public void EveryEvent_ArrivesInOrder()
    {
        var mlContext = new MLContext(seed: 1);
        var monitor = new Recorder();
        var options = new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [16],
            Optimizer = DropoutMlpOptimizer.Sgd,
            MaximumNumberOfEpochs = 4,
            EarlyStoppingPatience = null,
        };
        var result = mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(mlContext).Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options)))
            .SetDataset(OverfitData.Load(mlContext, 200, seed: 1), testFraction: 0.3)
            .SetSearchSpace(new SearchSpace { ["LearningRate"] = new ChoiceOption(1e-3f, 1e9f, 3e-2f) })
            .SetGridSearchTuner()
            .SetMonitor(monitor)
            .Run();

        Assert.AreEqual(
            "running 0, epoch 0.1+, epoch 0.2+, epoch 0.3+, epoch 0.4+, completed 0, best 0, "
            + "running 1, " + string.Concat(monitor.Events.SkipWhile(e => e != "running 1").Skip(1).TakeWhile(e => e.StartsWith("epoch 1.", StringComparison.Ordinal)).Select(e => e + ", "))
            + "failed 1, running 2, epoch 2.1+, epoch 2.2+, epoch 2.3+, epoch 2.4+, completed 2, best 2",
            string.Join(", ", monitor.Events));
        Assert.AreEqual(2, result.BestTrial.TrialId, "the higher learning rate learns more in four epochs");
    }

    private sealed class Recorder : ISweepMonitor
    {
        public List<string> Events { get; } = [];

        public void ReportRunningTrial(TrialSettings settings, Parameter parameter) => Events.Add($"running {settings.TrialId}");

        public void ReportEpoch(TrialSettings settings, EpochRecord epoch, bool continues) =>
            Events.Add($"epoch {settings.TrialId}.{epoch.Epoch}{(continues ? "+" : "-")}");

        public void ReportCompletedTrial(TrialResult result) => Events.Add($"completed {result.TrialId}");

        public void ReportFailTrial(TrialResult result) => Events.Add($"failed {result.TrialId}");

        public void ReportBestTrial(TrialResult result) => Events.Add($"best {result.TrialId}");
    }
}
