using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>The experiment's contract: its result and model, cross-validation, progress, cancellation, and its errors before any training.</summary>
[TestClass]
public sealed class SweepExperimentTests
{
    private readonly MLContext _mlContext = new(seed: 1);
    private int _epochsTrained;

    [TestMethod]
    public void Result_ListsEveryTrial_AndItsBestModelSavesAndLoadsLikeAnyOther()
    {
        var reported = new List<TrialResult>();
        var data = OverfitData.Load(_mlContext, 300, seed: 1);
        var result = Experiment().SetDataset(data, testFraction: 0.3).SetRandomSearchTuner().SetMaxTrials(3).SetProgress(reported.Add).Run();

        Assert.HasCount(3, result.Trials);
        CollectionAssert.AreEqual(result.Trials.ToArray(), reported.ToArray(), "one progress call per trial, in order");
        Assert.IsTrue(result.Trials.All(t => t.Status == TrialStatus.Completed && t.EpochsRun == 8 && t.Duration > TimeSpan.Zero));
        Assert.AreEqual(result.Trials.Max(t => t.Metric), result.BestTrial.Metric, "MicroAccuracy is maximized");
        Assert.AreEqual(-result.BestTrial.Metric, result.BestTrial.Loss);

        var path = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.zip");
        _mlContext.Model.Save(result.Model, data.Schema, path);
        var loaded = _mlContext.Model.Load(path, out _);
        File.Delete(path);
        ModelAssert.ScoresEqual(result.Model.Transform(data), loaded.Transform(data), tolerance: 0f);
    }

    [TestMethod]
    public void CrossValidation_AveragesTheFolds_AndRefitsOnAllTheData()
    {
        var data = OverfitData.Load(_mlContext, 240, seed: 1);
        int scorerFiles = Directory.GetFiles(Dropout.MLNet.Scoring.ScratchFolder.Path).Length;
        var result = Experiment().SetDataset(data, fold: 3).SetGridSearchTuner(stepsPerRange: 2).SetMetric(SweepMetric.MacroAccuracy).Run();

        Assert.HasCount(2, result.Trials, "a grid of two dropout rates, no other budget");
        Assert.IsTrue(result.Trials.All(t => t.EpochsRun == 3 * 8), "three folds of eight epochs");
        Assert.AreEqual((2 * 3 * 8) + 8, _epochsTrained, "two trials of three folds, then one refit");
        Assert.IsLessThanOrEqualTo(1, Directory.GetFiles(Dropout.MLNet.Scoring.ScratchFolder.Path).Length - scorerFiles,
            "of seven fitted models, only the refit one keeps its ONNX session and file: the sweep disposed the others");
    }

    [TestMethod]
    public void RefitOnAllData_TrainsWithTheBestTrialsHyperparameters()
    {
        var data = OverfitData.Load(_mlContext, 240, seed: 1);
        var options = new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [32], MaximumNumberOfEpochs = 8, ValidationFraction = 0f, EarlyStoppingPatience = null };
        var space = SearchSpace.FromOptions(options).Only("DropoutRate", SearchSpace.HiddenLayerWidth);
        space[SearchSpace.HiddenLayerWidth] = new ChoiceOption(16, 48);
        var result = _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(_mlContext).Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(options)))
            .SetSearchSpace(space).SetDataset(data, testFraction: 0.3).SetRandomSearchTuner().SetMaxTrials(3).SetRefitOnAllData().Run();

        var refit = result.Model.FindDropoutMlp().Model;
        Assert.AreEqual(Convert.ToInt32(result.BestParameter[SearchSpace.HiddenLayerWidth], System.Globalization.CultureInfo.InvariantCulture), refit.HiddenLayerSizes[0]);
        Assert.AreEqual(Convert.ToSingle(result.BestParameter["DropoutRate"], System.Globalization.CultureInfo.InvariantCulture), refit.HiddenLayerDropoutRates[0], 1e-6f);
    }

    [TestMethod]
    public void Cancellation_StopsTheSweep_AndKeepsTheTrialsCompletedSoFar()
    {
        using var cancellation = new CancellationTokenSource();
        var result = Experiment().SetDataset(OverfitData.Load(_mlContext, 200, seed: 1), testFraction: 0.3)
            .SetRandomSearchTuner().SetMaxTrials(10).SetProgress(_ => cancellation.Cancel()).Run(cancellation.Token);

        Assert.HasCount(1, result.Trials);
    }

    [TestMethod]
    public void TimeBudget_EndsTheSweep_WithTheTrialsCompletedInTime()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Experiment().SetDataset(OverfitData.Load(_mlContext, 200, seed: 1), testFraction: 0.3)
            .SetRandomSearchTuner().SetMaxTrials(10_000).SetTrainingTimeInSeconds(2).Run();

        Assert.IsLessThan(20.0, clock.Elapsed.TotalSeconds, "the sweep stopped near its budget");
        Assert.IsLessThan(10_000, result.Trials.Count);
        Assert.IsTrue(result.Trials.Count(t => t.Status == TrialStatus.Completed) >= 1, "at least one trial completed");
        Assert.IsTrue(result.Trials.Take(result.Trials.Count - 1).All(t => t.Status == TrialStatus.Completed), "only the last trial can have been stopped");
    }

    [TestMethod]
    public void CancellationBeforeAnyTrialCompletes_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var experiment = Experiment().SetDataset(OverfitData.Load(_mlContext, 200, seed: 1), testFraction: 0.3).SetMaxTrials(3);

        Assert.ThrowsExactly<OperationCanceledException>(() => experiment.Run(cancellation.Token));
    }

    [TestMethod]
    public void APipelineWithoutTheTrainer_FailsBeforeTraining()
    {
        var data = OverfitData.Load(_mlContext, 100, seed: 1);
        var experiment = _mlContext.DropoutMlpSweeps().CreateExperiment()
            .SetPipeline(OverfitData.Featurizer(_mlContext).Append(_mlContext.Transforms.NormalizeMinMax("Features")))
            .SetDataset(data, testFraction: 0.2).SetMaxTrials(2);

        var error = Assert.ThrowsExactly<ArgumentException>(() => experiment.Run());
        StringAssert.Contains(error.Message, "no DropoutMlp trainer");
    }

    [TestMethod]
    public void AMetricOfAnotherTask_FailsBeforeTraining()
    {
        var experiment = Experiment().SetDataset(OverfitData.Load(_mlContext, 100, seed: 1), testFraction: 0.2)
            .SetMetric(SweepMetric.AreaUnderRocCurve).SetMaxTrials(2);

        var error = Assert.ThrowsExactly<ArgumentException>(() => experiment.Run());
        StringAssert.Contains(error.Message, "AreaUnderRocCurve does not fit multiclass classification");
        Assert.AreEqual(0, _epochsTrained);
    }

    [TestMethod]
    public void NoBudget_OrAZeroBudget_IsRefused()
    {
        var experiment = Experiment().SetDataset(OverfitData.Load(_mlContext, 100, seed: 1), testFraction: 0.2);

        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => experiment.Run()).Message, "No budget");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => experiment.SetMaxTrials(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => experiment.SetTrainingTimeInSeconds(0));
        Assert.AreEqual(0, _epochsTrained);
    }

    [TestMethod]
    public void ASearchSpaceTheTrainerCannotTake_FailsBeforeTraining()
    {
        var experiment = Experiment().SetDataset(OverfitData.Load(_mlContext, 100, seed: 1), testFraction: 0.2).SetMaxTrials(2);

        var unknown = new SearchSpace { ["Dropout"] = new UniformSingleOption(0f, 0.5f) };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => experiment.SetSearchSpace(unknown).Run()).Message, "'Dropout' is not a hyperparameter");
        var wrongType = new SearchSpace { ["BatchSize"] = new UniformSingleOption(16f, 64f) };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => experiment.SetSearchSpace(wrongType).Run()).Message, "use UniformIntOption");
        var tooHigh = new SearchSpace { ["DropoutRate"] = new UniformSingleOption(0f, 1f) };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => experiment.SetSearchSpace(tooHigh).Run()).Message, "DropoutRate");
        Assert.AreEqual(0, _epochsTrained);
    }

    /// <summary>A sweep of the dropout rate over a small network trained for 8 epochs, counting every epoch trained.</summary>
    private DropoutMlpExperiment Experiment()
    {
        var options = new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [32],
            MaximumNumberOfEpochs = 8,
            ValidationFraction = 0f,
            EarlyStoppingPatience = null,
            EpochCompleted = _ => _epochsTrained++,
        };
        return _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(_mlContext).Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(options)))
            .SetSearchSpace(SearchSpace.FromOptions(options).Only("DropoutRate"));
    }
}
