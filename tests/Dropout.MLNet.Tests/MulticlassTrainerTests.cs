using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

[TestClass]
public sealed class MulticlassTrainerTests
{
    private static readonly int[] Hidden = [32, 16];

    [TestMethod]
    public void Pipeline_TrainsScoresAndMapsBackToLabels()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(600, seed: 1));
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: Hidden, dropoutRate: 0.1f, maximumNumberOfEpochs: 60))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(data);
        var scored = model.Transform(mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(300, seed: 2)));
        var metrics = mlContext.MulticlassClassification.Evaluate(scored);

        Assert.IsGreaterThan(0.9, metrics.MicroAccuracy, $"accuracy {metrics.MicroAccuracy}");
        CollectionAssert.IsSubsetOf(scored.GetColumn<string>("PredictedLabel").Distinct().ToArray(), new[] { "inner", "middle", "outer" });
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        scored.Schema["Score"].GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(new[] { "inner", "middle", "outer" }, slotNames.DenseValues().Select(s => s.ToString()).ToArray());
    }

    [TestMethod]
    public void NonLinearTask_DropoutMlpBeatsALinearModel()
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 600, seed: 1);
        var test = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 2);

        var mlp = mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: Hidden, dropoutRate: 0.1f, maximumNumberOfEpochs: 60).Fit(train);
        var linear = mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy().Fit(train);
        double mlpAccuracy = mlContext.MulticlassClassification.Evaluate(mlp.Transform(test)).MicroAccuracy;
        double linearAccuracy = mlContext.MulticlassClassification.Evaluate(linear.Transform(test)).MicroAccuracy;

        Assert.IsGreaterThan(linearAccuracy + 0.2, mlpAccuracy, $"MLP {mlpAccuracy:F3} vs linear {linearAccuracy:F3}");
    }

    [TestMethod]
    public void SameSeed_SameWeightsAndPredictions_OtherSeed_Differs()
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 1);
        DropoutMlpTransformer Fit(int seed) => mlContext.MulticlassClassification.Trainers.DropoutMlp(
            new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = Hidden, DropoutRate = 0.3f, MaximumNumberOfEpochs = 5, Seed = seed }).Fit(train);

        var first = Fit(7);
        var second = Fit(7);
        var other = Fit(8);

        CollectionAssert.AreEqual(first.Model.Layers[0].Weight.ToArray(), second.Model.Layers[0].Weight.ToArray());
        CollectionAssert.AreEqual(first.Model.History.Select(e => e.TrainLoss).ToArray(), second.Model.History.Select(e => e.TrainLoss).ToArray());
        ModelAssert.ScoresEqual(first.Transform(train), second.Transform(train), 0f);
        CollectionAssert.AreNotEqual(first.Model.Layers[0].Weight.ToArray(), other.Model.Layers[0].Weight.ToArray());
    }

    [TestMethod]
    public void Transformer_PredictsInEvalMode_Deterministically()
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 1);
        var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: Hidden, dropoutRate: 0.5f, maximumNumberOfEpochs: 3).Fit(train);

        ModelAssert.ScoresEqual(model.Transform(train), model.Transform(train), 0f);
    }

    [TestMethod]
    public void Model_ExposesArchitectureClassesAndHistory()
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 1);
        var epochs = new List<EpochRecord>();
        var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = Hidden,
            HiddenLayerDropoutRates = [0.1f, 0.3f],
            InputDropoutRate = 0.05f,
            Activation = DropoutMlpActivation.Gelu,
            MaximumNumberOfEpochs = 4,
            EarlyStoppingPatience = null,
            EpochCompleted = epochs.Add,
        }).Fit(train).Model;

        Assert.AreEqual(SyntheticData.FeatureCount, model.InputSize);
        CollectionAssert.AreEqual(Hidden, model.HiddenLayerSizes.ToArray());
        CollectionAssert.AreEqual(new[] { 0.1f, 0.3f }, model.HiddenLayerDropoutRates.ToArray());
        Assert.AreEqual(3, model.NumberOfOutputs);
        CollectionAssert.AreEqual(new[] { "inner", "middle", "outer" }, model.ClassNames.ToArray());
        Assert.HasCount(3, model.Layers);
        Assert.IsEmpty(model.EmbeddedFeatures, "no periodic embeddings by default");
        Assert.AreEqual(32 * SyntheticData.FeatureCount, model.Layers[0].Weight.Count);
        Assert.HasCount(4, model.History);
        CollectionAssert.AreEqual(model.History.ToArray(), epochs.ToArray());
        Assert.IsTrue(model.History.All(e => e.ValidationLoss is > 0f && e.ValidationAccuracy is >= 0f and <= 1f));
        Assert.AreEqual(model.History.Where(e => e.IsBest).Last().Epoch, model.BestEpoch);
    }

    [TestMethod]
    public void EarlyStopping_StopsAfterPatience_AndKeepsTheBestEpoch()
    {
        var model = EarlyStopped(EarlyStoppingMetric.ValidationLoss, patience: 5);

        Assert.IsLessThan(300, model.History.Count, "stopped early");
        Assert.AreEqual(model.History.Count - 5, model.BestEpoch);
        float best = model.History.Min(e => e.ValidationLoss!.Value);
        Assert.AreEqual(best, model.History[model.BestEpoch - 1].ValidationLoss);
    }

    [TestMethod]
    public void EarlyStoppingOnAccuracy_KeepsTheEpochOfTheBestValidationAccuracy()
    {
        var model = EarlyStopped(EarlyStoppingMetric.ValidationAccuracy, patience: 8);

        Assert.AreEqual(model.History.Count - 8, model.BestEpoch, "stopped 8 epochs after the best accuracy");
        float best = model.History.Max(e => e.ValidationAccuracy!.Value);
        Assert.AreEqual(best, model.History[model.BestEpoch - 1].ValidationAccuracy);
        Assert.AreEqual(model.History.First(e => e.ValidationAccuracy == best).Epoch, model.BestEpoch, "the first epoch that reached it");
    }

    /// <summary>A wide network that overfits 90 rows, stopped on 300 validation rows.</summary>
    private static DropoutMlpModelParameters EarlyStopped(EarlyStoppingMetric metric, int patience)
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 90, seed: 1);
        var validation = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 5);
        return mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [256, 256],
            DropoutRate = 0f,
            LearningRate = 0.01f,
            MaximumNumberOfEpochs = 300,
            EarlyStoppingPatience = patience,
            EarlyStoppingMetric = metric,
            BatchSize = 16,
        }).Fit(train, validation).Model;
    }
}
