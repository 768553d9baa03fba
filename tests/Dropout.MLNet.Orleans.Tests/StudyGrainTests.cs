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
        await grain.ReportResult(new TrialReport { TrialId = first.TrialId, Parameter = first.Parameter, Status = "Completed", Metric = "0.5", Loss = "-0.5" });
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

    private static StudyDefinition Definition() => new()
    {
        Metric = nameof(SweepMetric.MicroAccuracy),
        SearchSpace = WireFormat.ToData(new SearchSpace { ["DropoutRate"] = new UniformSingleOption(0f, 0.5f) }),
        Tuner = "random",
        Seed = 1,
        MaxTrials = 10,
    };
}
