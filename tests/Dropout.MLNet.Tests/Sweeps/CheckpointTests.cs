using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>A sweep started again on its checkpoint replays the trials written there and ends as if never stopped.</summary>
[TestClass]
public sealed class CheckpointTests
{
    private readonly MLContext _mlContext = new(seed: 1);
    private readonly List<string> _folders = [];
    private int _epochsTrained;

    [TestCleanup]
    public void DeleteFolders()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void AResumedSweep_RunsOnlyTheMissingTrials_AndEndsWithTheUninterruptedSweepsTrials()
    {
        var data = OverfitData.Load(_mlContext, 200, seed: 1);
        var uninterrupted = Experiment(data).SetMaxTrials(4).SetCheckpoint(Folder()).Run();

        var folder = Folder();
        Experiment(data).SetMaxTrials(2).SetCheckpoint(folder).Run();
        _epochsTrained = 0;
        var resumed = Experiment(data).SetMaxTrials(4).SetCheckpoint(folder).Run();

        int refit = uninterrupted.BestTrial.TrialId < 2 ? 6 : 0;
        Assert.AreEqual(uninterrupted.Trials.Skip(2).Sum(t => t.EpochsRun) + refit, _epochsTrained,
            "only trials 2 and 3 were trained again (and the best model refitted when the best trial was replayed)");
        CollectionAssert.AreEqual(Describe(uninterrupted), Describe(resumed));
        Assert.AreEqual(uninterrupted.BestTrial.TrialId, resumed.BestTrial.TrialId);
        ModelAssert.ScoresEqual(uninterrupted.Model.Transform(data), resumed.Model.Transform(data), tolerance: 1e-6f);
        Assert.HasCount(4, File.ReadAllLines(Path.Combine(folder, "trials.jsonl")));
    }

    [TestMethod]
    public void AParallelSweepCancelledMidRun_ResumesFromItsCheckpoint_RunningOnlyTheTrialsNotWritten()
    {
        var data = OverfitData.Load(_mlContext, 200, seed: 1);
        DropoutMlpExperiment Parallel(string folder) => _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2).SetPipeline(Pipeline())
            .SetDataset(data, testFraction: 0.3).SetSearchSpace(Space()).SetGridSearchTuner(stepsPerRange: 3).SetMaxTrials(6)
            .SetParallelTrials(2).SetCheckpoint(folder);
        var uninterrupted = Parallel(Folder()).Run();

        var folder = Folder();
        using (var cancellation = new CancellationTokenSource())
        {
            Parallel(folder).SetProgress(t => cancellation.CancelAfter(t.TrialId >= 2 ? 0 : Timeout.Infinite)).Run(cancellation.Token);
        }

        var writtenIds = File.ReadAllLines(Path.Combine(folder, "trials.jsonl"))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("TrialId").GetInt32()).ToArray();
        _epochsTrained = 0;
        var resumed = Parallel(folder).Run();

        Assert.IsLessThan(6, writtenIds.Length, "cancelled before the end; the trials it stopped were not written");
        int refit = writtenIds.Contains(resumed.BestTrial.TrialId) ? 6 : 0;
        Assert.AreEqual(((6 - writtenIds.Length) * 6) + refit, _epochsTrained,
            "only the trials not written were trained again, 6 epochs each (and the best model refitted when the best trial was replayed)");
        CollectionAssert.AreEqual(Describe(uninterrupted), Describe(resumed));
        Assert.HasCount(6, File.ReadAllLines(Path.Combine(folder, "trials.jsonl")));
    }

    [TestMethod]
    [DataRow("torn")]
    [DataRow("nul-padded")]
    public void ACheckpointWhoseLastLineACrashCut_ResumesWithAWarning_ToTheUninterruptedSweepsTrials(string damage)
    {
        var data = OverfitData.Load(_mlContext, 200, seed: 1);
        var uninterrupted = Experiment(data).SetMaxTrials(4).SetCheckpoint(Folder()).Run();
        var folder = Folder();
        Experiment(data).SetMaxTrials(3).SetCheckpoint(folder).Run();
        var trials = Path.Combine(folder, "trials.jsonl");
        var lines = File.ReadAllLines(trials);
        File.WriteAllText(trials, string.Join('\n', lines[..2]) + "\n" + (damage == "torn" ? lines[2][..(lines[2].Length / 2)] : new string('\0', 300)));
        var warnings = LogWarnings.Of(_mlContext);

        var resumed = Experiment(data).SetMaxTrials(4).SetCheckpoint(folder).Run();

        CollectionAssert.AreEqual(Describe(uninterrupted), Describe(resumed));
        StringAssert.Contains(warnings.Single(), "The last line (3) of the sweep checkpoint");
        Assert.HasCount(4, File.ReadAllLines(trials), "the torn line was cut off; trials 2 and 3 written after it, each on its own line");
    }

    [TestMethod]
    public void ACheckpointCorruptBeforeItsLastLine_IsRefused_NamingTheFileAndTheLine()
    {
        var data = OverfitData.Load(_mlContext, 200, seed: 1);
        var folder = Folder();
        Experiment(data).SetMaxTrials(3).SetCheckpoint(folder).Run();
        var trials = Path.Combine(folder, "trials.jsonl");
        var lines = File.ReadAllLines(trials);
        lines[1] = lines[1][..10];
        File.WriteAllLines(trials, lines);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => Experiment(data).SetMaxTrials(4).SetCheckpoint(folder).Run());

        StringAssert.Contains(error.Message, $"Line 2 of the sweep checkpoint '{trials}'");
        CollectionAssert.AreEqual(lines, File.ReadAllLines(trials), "nothing written over the corrupt file");
    }

    [TestMethod]
    public void ACheckpointOfAnotherSweep_IsRefused()
    {
        var data = OverfitData.Load(_mlContext, 200, seed: 1);
        var folder = Folder();
        Experiment(data).SetMaxTrials(2).SetCheckpoint(folder).Run();

        var error = Assert.ThrowsExactly<InvalidOperationException>(() =>
            _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 99).SetPipeline(Pipeline()).SetDataset(data, testFraction: 0.3)
                .SetSearchSpace(Space()).SetSmacTuner().SetMaxTrials(3).SetCheckpoint(folder).Run());

        StringAssert.Contains(error.Message, "another pipeline, search space, tuner or seed");
    }

    private static string[] Describe(DropoutMlpExperimentResult result) =>
        [.. result.Trials.Select(t => $"{t.TrialId} {t.Parameter} {t.Status} {t.Metric:R} {t.EpochsRun}")];

    private string Folder()
    {
        var folder = Directory.CreateTempSubdirectory("checkpoint-").FullName;
        _folders.Add(folder);
        return folder;
    }

    private static SearchSpace Space() => new() { ["DropoutRate"] = new UniformSingleOption(0f, 0.6f), ["LearningRate"] = new UniformSingleOption(1e-3f, 3e-2f, logBase: true) };

    private IEstimator<ITransformer> Pipeline() =>
        OverfitData.Featurizer(_mlContext).Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [16],
            MaximumNumberOfEpochs = 6,
            EarlyStoppingPatience = null,
            EpochCompleted = _ => _epochsTrained++,
        }));

    private DropoutMlpExperiment Experiment(IDataView data) =>
        _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2).SetPipeline(Pipeline()).SetDataset(data, testFraction: 0.3)
            .SetSearchSpace(Space()).SetSmacTuner().SetPruner(new AshaPruner(gracePeriod: 2));
}
