using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>
/// A sweep loses nothing to its observers' faults or its checkpoint's: a throwing progress callback or monitor is said
/// on the log and the sweep goes on; a checkpoint that cannot be written stops the sweep cleanly, every finished trial kept.
/// </summary>
[TestClass]
public sealed class SweepFaultTests
{
    private readonly MLContext _mlContext = new(seed: 1);
    private IReadOnlyList<string> _warnings = [];

    [TestInitialize]
    public void ListenForWarnings() => _warnings = LogWarnings.Of(_mlContext);

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void ThrowingObservers_AreContained_AndEveryTrialRuns(int parallel)
    {
        var result = Experiment().SetMaxTrials(4).SetParallelTrials(parallel)
            .SetProgress(t => throw new InvalidOperationException($"progress bar broke on {t.TrialId}"))
            .SetMonitor(new ThrowingMonitor())
            .Run();

        Assert.HasCount(4, result.Trials.Where(t => t.Status == TrialStatus.Completed).ToArray(), "no trial failed for its observers");
        Assert.IsNotNull(result.Model);
        Assert.HasCount(4, _warnings.Where(w => w.Contains("progress callback threw", StringComparison.Ordinal)).ToArray());
        Assert.IsTrue(_warnings.Any(w => w.Contains("monitor's ReportEpoch threw on trial 0", StringComparison.Ordinal)));
        Assert.IsTrue(_warnings.Any(w => w.Contains("monitor's ReportRunningTrial threw on trial 3", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void ACheckpointThatCannotBeWritten_StopsTheSweepCleanly_KeepingTheFinishedTrials()
    {
        var folder = Directory.CreateTempSubdirectory("checkpoint-fault-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "trials.jsonl"));   // in the way of the file: every append fails

            var result = Experiment().SetMaxTrials(4).SetCheckpoint(folder).Run();

            Assert.HasCount(1, result.Trials.ToArray(), "the sweep proposed nothing after the failed write");
            Assert.AreEqual(TrialStatus.Completed, result.Trials[0].Status);
            Assert.IsNotNull(result.Model, "the finished trial's model is refitted and returned");
            StringAssert.Contains(_warnings.Single(), "could not write its checkpoint");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void ATunerThatThrows_EndsTheSweepWithItsError_AfterTheRunningTrialsEnd()
    {
        int epochs = 0;
        var experiment = _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(_mlContext).Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [8], MaximumNumberOfEpochs = 3, EarlyStoppingPatience = null, EpochCompleted = _ => Interlocked.Increment(ref epochs),
            })))
            .SetDataset(OverfitData.Load(_mlContext, 200, seed: 1), testFraction: 0.3)
            .SetSearchSpace(new SearchSpace { ["LearningRate"] = new UniformSingleOption(1e-3f, 3e-2f, logBase: true) })
            .SetTuner(new BrokenTuner(failOnTrial: 3)).SetMaxTrials(6).SetParallelTrials(2);

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => experiment.Run());

        int after = Volatile.Read(ref epochs);
        Thread.Sleep(300);
        StringAssert.Contains(error.Message, "tuner broke on trial 3");
        Assert.AreEqual(9, after, "trials 0, 1 and 2 trained their 3 epochs each before the sweep gave up");
        Assert.AreEqual(after, Volatile.Read(ref epochs), "no trial trains on after the sweep ended");
    }

    private DropoutMlpExperiment Experiment() =>
        _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(_mlContext).Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [8],
                MaximumNumberOfEpochs = 3,
                EarlyStoppingPatience = null,
            })))
            .SetDataset(OverfitData.Load(_mlContext, 200, seed: 1), testFraction: 0.3)
            .SetSearchSpace(new SearchSpace { ["LearningRate"] = new UniformSingleOption(1e-3f, 3e-2f, logBase: true) });

    private sealed class BrokenTuner(int failOnTrial) : ITuner
    {
        private readonly Random _random = new(1);

        public Parameter? Propose(TrialSettings settings) => settings.TrialId == failOnTrial
            ? throw new InvalidOperationException($"tuner broke on trial {settings.TrialId}")
            : new Parameter([KeyValuePair.Create<string, object>("LearningRate", (float)(1e-3 + (_random.NextDouble() * 1e-2)))]);

        public void Update(TrialResult result)
        {
        }
    }

    private sealed class ThrowingMonitor : ISweepMonitor
    {
        public void ReportRunningTrial(TrialSettings settings, Parameter parameter) => throw new IOException("log file gone");

        public void ReportEpoch(TrialSettings settings, EpochRecord epoch, bool continues) => throw new IOException("log file gone");

        public void ReportCompletedTrial(TrialResult result) => throw new IOException("log file gone");

        public void ReportFailTrial(TrialResult result) => throw new IOException("log file gone");

        public void ReportBestTrial(TrialResult result) => throw new IOException("log file gone");
    }
}
