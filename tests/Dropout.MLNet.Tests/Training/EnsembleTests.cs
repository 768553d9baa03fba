using Dropout.MLNet.Importance;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Training;

/// <summary>
/// A parameter-efficient ensemble (TabM-mini): k members in one network, averaged as probabilities or values, exported
/// as one ONNX graph that scores as the fitted network, saved and loaded without this library's help, with Monte Carlo
/// dropout drawing over members and masks, permutation importance and the sweeps' search space.
/// </summary>
[TestClass]
public sealed class EnsembleTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void AMulticlassEnsemble_ScoresAsItsExport_AndItsSavedModelAsTheFittedOne()
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 400, seed: 1);
        var options = new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [16, 8], MaximumNumberOfEpochs = 60, EarlyStoppingPatience = null, Seed = 3 };
        using var single = _mlContext.MulticlassClassification.Trainers.DropoutMlp(options).Fit(data);
        using var model = _mlContext.MulticlassClassification.Trainers.DropoutMlp(options with { EnsembleSize = 4 }).Fit(data);

        Assert.AreEqual(4, model.Model.EnsembleSize);
        Assert.AreEqual(3 * 4, model.Model.Layers[^1].Outputs, "one output layer a member");
        Assert.AreNotEqual(single.Model.History[^1].TrainLoss, model.Model.History[^1].TrainLoss);
        Assert.IsLessThan(1e-4, model.Model.ParityDifference, "the ONNX graph averages the members as the network does");
        var metrics = _mlContext.MulticlassClassification.Evaluate(model.Transform(data));
        var singleMetrics = _mlContext.MulticlassClassification.Evaluate(single.Transform(data));
        Assert.IsGreaterThan(0.8, metrics.MicroAccuracy, $"the ensemble learns the rings: {metrics.MicroAccuracy} (one network {singleMetrics.MicroAccuracy})");

        var loaded = ModelAssert.SavedAndLoaded(_mlContext, model, data.Schema);
        ModelAssert.ScoresEqual(model.Transform(data), loaded.Transform(data), tolerance: 0f);
        var found = loaded.FindDropoutMlp();
        Assert.AreEqual(4, found.Model.EnsembleSize, "read back from the ONNX model");

        var passes = MonteCarloDropout.Predict(found, data, passes: 5, seed: 1);
        Assert.IsTrue(passes.All(p => Math.Abs(p.MeanProbabilities.Sum() - 1f) < 1e-4), "Monte Carlo dropout on the loaded ensemble");
        var importance = _mlContext.MulticlassClassification.DropoutMlpFeatureImportance(loaded, data, permutationCount: 1);
        Assert.IsNotEmpty(importance);
    }

    [TestMethod]
    public void MonteCarloDropout_DrawsOverTheMembers()
    {
        var data = _mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(300, seed: 2));
        var options = new DropoutMlpBinaryTrainer.Options { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 10, EarlyStoppingPatience = null, DropoutRate = 0f, Seed = 3 };
        using var single = _mlContext.BinaryClassification.Trainers.DropoutMlp(options).Fit(data);
        using var ensemble = _mlContext.BinaryClassification.Trainers.DropoutMlp(options with { EnsembleSize = 8 }).Fit(data);

        Assert.IsLessThan(1e-4, ensemble.Model.ParityDifference, "the binary average (the logit of the mean probability) exports exactly");
        var refusal = Assert.ThrowsExactly<ArgumentException>(() => MonteCarloDropout.Predict(single, data, passes: 4, seed: 1));
        StringAssert.Contains(refusal.Message, "EnsembleSize above 1");
        var spread = MonteCarloDropout.Predict(ensemble, data, passes: 4, seed: 1).Average(p => p.StandardDeviations.Average());
        Assert.IsGreaterThan(1e-3, spread, "without dropout, the draws are the members, which disagree");
    }

    [TestMethod]
    public void ARegressionEnsemble_Learns_AndGivesIntervals()
    {
        var train = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(600, seed: 1));
        var test = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(300, seed: 2));
        using var model = _mlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options
        {
            HiddenLayerSizes = [32, 32], DropoutRate = 0.1f, LearningRate = 3e-3f, MaximumNumberOfEpochs = 40, EnsembleSize = 4,
        }).Fit(train);

        var metrics = _mlContext.Regression.Evaluate(model.Transform(test));
        Assert.IsGreaterThan(0.9, metrics.RSquared, $"R² {metrics.RSquared}");
        Assert.IsLessThan(1e-4, model.Model.ParityDifference);
        var intervals = MonteCarloDropout.PredictRegression(model, test, passes: 10, coverage: 0.9);
        Assert.IsTrue(intervals.All(p => p.Lower < p.Mean && p.Mean < p.Upper));
    }

    [TestMethod]
    public void BadSizes_AreRefusedByName()
    {
        var tooMany = Assert.ThrowsExactly<DropoutMlpOptionsException>(() => new DropoutMlpBinaryTrainer.Options { EnsembleSize = 33 }.Validate());
        var dropConnect = Assert.ThrowsExactly<DropoutMlpOptionsException>(() => new DropoutMlpBinaryTrainer.Options { EnsembleSize = 4, DropoutKind = DropoutKind.DropConnect }.Validate());
        var categories = Assert.ThrowsExactly<DropoutMlpOptionsException>(() => new DropoutMlpRegressionTrainer.Options { EnsembleSize = 4, CategoricalEmbeddingSize = 8 }.Validate());

        StringAssert.Contains(tooMany.Message, "EnsembleSize is 33; it must be from 1 (one network) to 32");
        StringAssert.Contains(dropConnect.Message, "EnsembleSize is 4 with DropoutKind DropConnect");
        StringAssert.Contains(categories.Message, "EnsembleSize is 4 with CategoricalEmbeddingSize 8");
    }
}
