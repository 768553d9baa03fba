using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Orleans.Tests;

/// <summary>The study grain's contract, called directly: idempotent reports, one definition per study, replay after restart.</summary>
[TestClass]
public sealed class StudyGrainTests
{
    [TestMethod]
    public async Task AReportSentTwice_IsRecordedOnce_AndALateWorkerIsToldToStop()
    {
        await using var cluster = await StudyCluster.StartAsync("unused", silos: 1);
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>("direct");
        await grain.Start(Definition());

        var trial = await grain.NextTrial("worker-a");
        var report = new TrialReport
        {
            TrialId = trial.TrialId, Parameter = trial.Parameter, Status = "Completed", Metric = "0.5", Loss = "-0.5", EpochsRun = 3, Worker = "worker-a",
            Lease = trial.Lease,
        };
        await grain.ReportResult(report);
        await grain.ReportResult(report with { Metric = "0.9", Loss = "-0.9" });

        var status = await grain.GetStatus();
        Assert.HasCount(1, status.Trials);
        Assert.AreEqual("0.5", status.Trials[0].Metric, "the first report stands");
        Assert.AreEqual(EpochVerdict.Stop, await grain.ReportEpoch(trial.TrialId, "worker-b", 1, 0.3), "an ended trial is not trained on");
    }

    [TestMethod]
    public async Task AStudyStartedAgainWithAnotherDefinition_IsRefused()
    {
        await using var cluster = await StudyCluster.StartAsync("unused", silos: 1);
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>("twice");
        await grain.Start(Definition());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Start(Definition() with { Seed = 99 }));

        StringAssert.Contains(error.Message, "another definition");
    }

    [TestMethod]
    public async Task AStudyStartedAgainWithMoreTrials_Continues()
    {
        await using var cluster = await StudyCluster.StartAsync("unused", silos: 1);
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>("more");
        await grain.Start(Definition() with { MaxTrials = 1 });
        var first = await grain.NextTrial("worker-a");
        await grain.ReportResult(Report(first, "worker-a"));
        Assert.AreEqual(AssignmentKind.Done, (await grain.NextTrial("worker-a")).Kind);

        await grain.Start(Definition() with { MaxTrials = 2 });

        var second = await grain.NextTrial("worker-a");
        Assert.AreEqual((AssignmentKind.Run, 1), (second.Kind, second.TrialId));
    }

    [TestMethod]
    public void ALedgerReplayingItsLog_ProposesWhatItWouldHaveProposedNext()
    {
        var definition = Definition() with { Tuner = "smac", TunerNumber = 2 };
        var live = new StudyLedger(definition);
        var state = new StudyState { Definition = definition };
        for (int i = 0; i < 4; i++)
        {
            var (id, point) = live.Propose()!.Value;
            state.Proposals.Add(new ProposalData(id, state.Ended.Count, WireFormat.ToData(point)));
            var report = new TrialReport
            {
                TrialId = id, Parameter = WireFormat.ToData(point), Status = "Completed", Metric = $"{0.5 + (0.1 * i)}", Loss = $"{-0.5 - (0.1 * i)}",
            };
            state.Ended.Add(report);
            live.End(report, replay: false);
        }

        var restarted = new StudyLedger(definition);
        Assert.IsEmpty(restarted.Replay(state), "every proposed trial had ended");

        Assert.IsTrue(live.Propose()!.Value.Point.SameAs(restarted.Propose()!.Value.Point), "the rebuilt tuner knows what the live one knew");
    }

    [TestMethod]
    [DataRow("forged hyperparameters", "its hyperparameters are not those the trial was handed out with")]
    [DataRow("a newer worker's status", "its status 'Preempted' is not one of Completed, Pruned, Stopped, Failed")]
    [DataRow("a metric that is not a number", "its metric 'high' or loss '-0.5' is not a number")]
    [DataRow("a trial never handed out", "trial 7 was never handed out")]
    [DataRow("more judged epochs than epochs", "it has 5 judged losses for 3 epochs")]
    [DataRow("a stale worker", "its lease is not the trial's current one: the lease expired and trial 0 was handed to worker 'worker-b'")]
    [DataRow("a forged lease", "its lease is not the trial's current one")]
    public async Task ABadReport_IsRefusedNamingWhatIsWrong_AndChangesNothing_EvenAfterAReactivation(string bad, string expected)
    {
        await using var cluster = await StudyCluster.StartAsync("unused", silos: 1);
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>($"bad-{bad.Replace(' ', '-')}");
        await grain.Start(Definition() with { Lease = TimeSpan.FromMilliseconds(200) });
        var trial = await grain.NextTrial("worker-a");
        var good = Report(trial, "worker-a");
        if (bad == "a stale worker")
        {
            await Task.Delay(400);
            var handedOn = await grain.NextTrial("worker-b");
            Assert.AreEqual(trial.TrialId, handedOn.TrialId, "the expired lease went to worker-b");
        }

        var report = bad switch
        {
            "forged hyperparameters" => good with { Parameter = new Dictionary<string, ValueData> { ["DropoutRate"] = WireFormat.ToData(0.49f) } },
            "a newer worker's status" => good with { Status = "Preempted" },
            "a metric that is not a number" => good with { Metric = "high" },
            "a trial never handed out" => good with { TrialId = 7 },
            "a forged lease" => good with { Lease = good.Lease + 1 },
            "more judged epochs than epochs" => good with { JudgedLosses = [0.5, 0.4, 0.3, 0.2, 0.1] },
            _ => good,
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.ReportResult(report));

        StringAssert.Contains(error.Message, expected);
        StringAssert.Contains(error.Message, "Nothing was recorded");
        Assert.IsEmpty((await grain.GetStatus()).Trials, "nothing was recorded");
        await cluster.DeactivateAsync(grain);
        Assert.IsEmpty((await grain.GetStatus()).Trials, "the grain reactivates from what it persisted");
    }

    [TestMethod]
    [DataRow(0, "random", "its lease 00:00:00 is not above zero")]
    [DataRow(300, "bogus", "it cannot be built here: Unknown tuner 'bogus'")]
    [DataRow(-1, "random", "its lease -00:00:01 is not above zero")]
    public async Task ADefinitionTheSiloCannotUse_IsRefusedAtStart_LeavingNoHalfStartedStudy(int leaseSeconds, string tuner, string expected)
    {
        await using var cluster = await StudyCluster.StartAsync("unused", silos: 1);
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>($"unusable-{tuner}");
        var definition = Definition() with { Lease = TimeSpan.FromSeconds(leaseSeconds), Tuner = tuner };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.Start(definition));

        StringAssert.Contains(error.Message, expected);
        await grain.Start(Definition());
        Assert.AreEqual(AssignmentKind.Run, (await grain.NextTrial("worker-a")).Kind, "the name is free for a usable definition");
    }

    [TestMethod]
    public async Task AFailedTrialsErrorText_IsKeptShort_AndAStudyHandsOutAtMostItsCap()
    {
        await using var cluster = await StudyCluster.StartAsync("unused", silos: 1);
        var grain = cluster.Client.GetGrain<IDropoutMlpStudyGrain>("long-error");
        await grain.Start(Definition());
        var trial = await grain.NextTrial("worker-a");

        await grain.ReportResult(Report(trial, "worker-a") with { Status = "Failed", Metric = "NaN", Loss = "NaN", Error = new string('x', 1_000_000) });

        var kept = (await grain.GetStatus()).Trials.Single();
        Assert.IsLessThanOrEqualTo(ReportCheck.LongestError + 1, kept.Error!.Length, "a megabyte of error text is not persisted");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.Start(Definition() with { MaxTrials = ReportCheck.MostTrials + 1 }));
        StringAssert.Contains(error.Message, $"its trial budget is not in [1, {ReportCheck.MostTrials}]");
    }

    private static TrialReport Report(TrialAssignment trial, string worker) => new()
    {
        TrialId = trial.TrialId, Parameter = trial.Parameter, Status = "Completed", Metric = "0.5", Loss = "-0.5", EpochsRun = 3, Worker = worker, Lease = trial.Lease,
    };

    private static StudyDefinition Definition() => new()
    {
        Metric = nameof(SweepMetric.MicroAccuracy),
        SearchSpace = WireFormat.ToData(new SearchSpace { ["DropoutRate"] = new UniformSingleOption(0f, 0.5f) }),
        Tuner = "random",
        Seed = 1,
        MaxTrials = 10,
    };
}
