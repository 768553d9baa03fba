using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>A trial that throws or measures NaN is Failed with its error; the sweep goes on and picks a finite best.</summary>
[TestClass]
public sealed class FailedTrialTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void ADivergingTrial_FailsWithItsError_AndTheSweepPicksAFiniteBest()
    {
        var result = Experiment(new ChoiceOption(1e-2f, 1e9f, 3e-2f)).SetGridSearchTuner().Run();

        Assert.HasCount(3, result.Trials, "the sweep went on after the failed trial");
        var failed = result.Trials.Single(t => t.Status == TrialStatus.Failed);
        Assert.AreEqual(1e9f, failed.Parameter.GetValue<float>("LearningRate"));
        StringAssert.Contains(failed.Error!.Message, "diverged");
        Assert.IsTrue(double.IsNaN(failed.Metric));
        Assert.AreEqual(TrialStatus.Completed, result.BestTrial.Status);
        Assert.IsTrue(double.IsFinite(result.BestTrial.Metric));
        Assert.IsNotNull(result.Model);
        Assert.IsTrue(result.Trials.Where(t => t.Status != TrialStatus.Failed).All(t => t.Error is null));
    }

    [TestMethod]
    public void TheTrialTable_ListsEveryTrial_AsCsvAndJson()
    {
        var result = Experiment(new ChoiceOption(1e-2f, 1e9f, 3e-2f)).SetGridSearchTuner().Run();
        var folder = Directory.CreateTempSubdirectory("trials-").FullName;

        result.SaveTrialTable(Path.Combine(folder, "trials.csv"));
        result.SaveTrialTable(Path.Combine(folder, "trials.json"));

        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        Assert.AreEqual("TrialId,Status,Metric,Loss,EpochsRun,DurationSeconds,Error,LearningRate", lines[0]);
        Assert.HasCount(4, lines);
        StringAssert.StartsWith(lines[2], "1,Failed,NaN,NaN,");
        StringAssert.EndsWith(lines[2], ",1E+09");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "trials.json")));
        Assert.AreEqual(3, json.RootElement.GetProperty("Trials").GetArrayLength());
        Assert.AreEqual(result.BestTrial.TrialId, json.RootElement.GetProperty("BestTrial").GetInt32());
        StringAssert.Contains(json.RootElement.GetProperty("Trials")[1].GetProperty("Error").GetString(), "diverged");
        Assert.ThrowsExactly<ArgumentException>(() => result.SaveTrialTable(Path.Combine(folder, "trials.txt")));
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public void ATrialPastTheMemoryCeiling_Fails_AndSaysSo()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() =>
            Experiment(new ChoiceOption(1e-2f, 3e-2f)).SetGridSearchTuner().SetTrialMemoryCeiling(1024 * 1024).Run());

        StringAssert.Contains(error.Message, "2 failed");
        StringAssert.Contains(error.Message, "past the trial memory ceiling of 1 MB");
    }

    [TestMethod]
    public void WhenEveryTrialFails_TheErrorSaysWhy()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Experiment(new ChoiceOption(1e9f, 1e10f)).SetGridSearchTuner().Run());

        StringAssert.Contains(error.Message, "2 failed");
        StringAssert.Contains(error.Message, "Trial 0");
        StringAssert.Contains(error.Message, "diverged");
    }

    private DropoutMlpExperiment Experiment(ChoiceOption learningRates)
    {
        var options = new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [16], Optimizer = DropoutMlpOptimizer.Sgd, MaximumNumberOfEpochs = 5, EarlyStoppingPatience = null };
        return _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(_mlContext).Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(options)))
            .SetDataset(OverfitData.Load(_mlContext, 200, seed: 1), testFraction: 0.3)
            .SetSearchSpace(new SearchSpace { ["LearningRate"] = learningRates });
    }
}
