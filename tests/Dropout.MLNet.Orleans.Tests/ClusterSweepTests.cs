using Microsoft.ML;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Dropout.MLNet.Orleans.Tests;

/// <summary>A sweep on a 3-silo loopback cluster: the same trials as in one process, and none lost when a silo dies or the study restarts.</summary>
[TestClass]
public sealed class ClusterSweepTests
{
    private static string[] _local = [];

    [ClassInitialize]
    public static void RunLocally(TestContext context) => _local = SweepData.Describe(SweepData.Experiment(new MLContext(seed: 0)).Run());

    [TestMethod]
    public async Task OnThreeSilos_ASweepEndsWithTheTrialsOfALocalOne()
    {
        await using var cluster = await StudyCluster.StartAsync("three-silos");

        var result = await Task.Run(() => SweepData.Experiment(new MLContext(seed: 0)).SetExecutor(cluster.Client, "three-silos").Run());

        CollectionAssert.AreEqual(_local, SweepData.Describe(result));
        Assert.IsNotNull(result.Model.FindDropoutMlp(), "the best hyperparameters were refit in the client's process");
        var workers = (await cluster.Client.GetGrain<IDropoutMlpStudyGrain>("three-silos").GetStatus()).Trials.Select(t => t.Worker).Distinct().Count();
        Assert.IsGreaterThan(1, workers, "the trials were shared among the silos' workers");
    }

    [TestMethod]
    public async Task WithOneWorker_ASmacSweepWithPruning_ProposesAndPrunesAsALocalOne()
    {
        var local = SweepData.Describe(SweepData.SmacExperiment(new MLContext(seed: 0)).Run());
        await using var cluster = await StudyCluster.StartAsync("one-worker", silos: 1, SweepData.SmacExperiment);

        var result = await Task.Run(() => SweepData.SmacExperiment(new MLContext(seed: 0)).SetExecutor(cluster.Client, "one-worker").Run());

        CollectionAssert.AreEqual(local, SweepData.Describe(result));
        Assert.IsTrue(result.Trials.Any(t => t.Status == Dropout.MLNet.Sweeps.TrialStatus.Pruned), "the study's pruner judged the epochs");
    }

    [TestMethod]
    public async Task ASweepCancelledAndRunAgain_RunsThePausedTrials_AndEndsWithTheTrialsOfALocalOne()
    {
        // The sweep is cancelled from inside a worker's trial, once the workers have trained 30 epochs (two and a half
        // trials' worth): the study is cancelled before that worker goes on, so it pauses with most trials not yet run
        // however fast the workers are against the client's polling.
        using var cancellation = new CancellationTokenSource();
        InProcessTestCluster? started = null;
        int epochs = 0;
        await using var cluster = started = await StudyCluster.StartAsync("paused", experiment: mlContext => SweepData.Experiment(mlContext, _ =>
        {
            if (Interlocked.Increment(ref epochs) == 30)
            {
                started!.Client.GetGrain<IDropoutMlpStudyGrain>("paused").Cancel().GetAwaiter().GetResult();
                cancellation.Cancel();
            }
        }));

        // The best trial ran elsewhere, so its model would be refit here: a cancelled sweep stops there instead.
        await Assert.ThrowsAsync<OperationCanceledException>(() => Task.Run(() => SweepData.Experiment(new MLContext(seed: 0))
            .SetExecutor(cluster.Client, "paused").Run(cancellation.Token)));

        var status = await cluster.Client.GetGrain<IDropoutMlpStudyGrain>("paused").GetStatus();
        Assert.IsTrue(status.Done && status.Trials.Count(t => t.Status == "Completed") < SweepData.Trials, "paused before the end");

        var result = await Task.Run(() => SweepData.Experiment(new MLContext(seed: 0)).SetExecutor(cluster.Client, "paused").Run());

        CollectionAssert.AreEqual(_local, SweepData.Describe(result));
    }

    [TestMethod]
    public async Task ATimeBudget_EndsTheStudy_WithTheTrialsCompletedInTime()
    {
        await using var cluster = await StudyCluster.StartAsync("timed");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await Task.Run(() => SweepData.Experiment(new MLContext(seed: 0)).SetExecutor(cluster.Client, "timed")
            .SetRandomSearchTuner().SetMaxTrials(1000).SetTrainingTimeInSeconds(3).Run());

        Assert.IsLessThan(TimeSpan.FromSeconds(30), clock.Elapsed, "the study ended at its budget, not after 1,000 trials");
        Assert.IsTrue(result.Trials.Count < 1000 && result.Trials.Any(t => t.Status == Dropout.MLNet.Sweeps.TrialStatus.Completed));
    }

    [TestMethod]
    public async Task ASiloKilledMidSweep_LosesNoTrial()
    {
        await using var cluster = await StudyCluster.StartAsync("killed-silo");
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>("killed-silo");
        var sweep = Task.Run(() => SweepData.Experiment(new MLContext(seed: 0)).SetExecutor(cluster.Client, "killed-silo", lease: TimeSpan.FromSeconds(3)).Run());
        while ((await grain.GetStatus()).Trials.Count < 2)
        {
            await Task.Delay(50);
        }

        await cluster.KillSiloAsync(cluster.Silos[^1]);
        var result = await sweep;

        CollectionAssert.AreEqual(_local, SweepData.Describe(result));
    }

    [TestMethod]
    public async Task TheSiloHostingTheStudyKilledMidSweep_WithTheStudyInRedis_TheOthersFinishItLosingNoTrial()
    {
        string study = $"redis-{Guid.NewGuid():N}";
        await using var cluster = await StudyCluster.StartAsync(study, redis: true);
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>(study);
        var sweep = Task.Run(() => SweepData.Experiment(new MLContext(seed: 0)).SetExecutor(cluster.Client, study, lease: TimeSpan.FromSeconds(3)).Run());
        while ((await grain.GetStatus()).Trials.Count < 2)
        {
            await Task.Delay(50);
        }

        var finishedBefore = (await grain.GetStatus()).Trials.Select(t => t.TrialId).ToArray();
        var host = await StudyHost(cluster, study);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        var result = await sweep;

        CollectionAssert.AreEqual(_local, SweepData.Describe(result));
        CollectionAssert.IsSubsetOf(finishedBefore, result.Trials.Select(t => t.TrialId).ToArray(), "every trial finished before the kill is in the result");
        RedisServer.Delete(study);
    }

    /// <summary>The silo the study grain is active on (the management grain's view of the cluster).</summary>
    private static async Task<SiloAddress> StudyHost(InProcessTestCluster cluster, string study)
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var activations = await management.GetDetailedGrainStatistics();
        return activations.Single(a => a.GrainId.Key.ToString() == study).SiloAddress;
    }

    [TestMethod]
    public async Task AStudyGrainDeactivatedMidSweep_ContinuesFromItsPersistedLog()
    {
        await using var cluster = await StudyCluster.StartAsync("restarted-study");
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>("restarted-study");
        var sweep = Task.Run(() => SweepData.Experiment(new MLContext(seed: 0)).SetExecutor(cluster.Client, "restarted-study", lease: TimeSpan.FromSeconds(3)).Run());
        while ((await grain.GetStatus()).Trials.Count < 3)
        {
            await Task.Delay(50);
        }

        await cluster.DeactivateAsync(grain);
        var result = await sweep;

        CollectionAssert.AreEqual(_local, SweepData.Describe(result));
    }
}
