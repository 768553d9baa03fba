using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

[TestClass]
public sealed class DropoutMlpOptionsTests
{
    [TestMethod]
    public void Defaults_AreDocumented()
    {
        var options = new DropoutMlpMulticlassTrainer.Options();
        Assert.AreEqual("Label", options.LabelColumnName);
        Assert.AreEqual("Features", options.FeatureColumnName);
        CollectionAssert.AreEqual(new[] { 128, 64 }, options.HiddenLayerSizes.ToArray());
        Assert.AreEqual(0.2f, options.DropoutRate);
        Assert.AreEqual(DropoutMlpActivation.Relu, options.Activation);
        Assert.AreEqual(DropoutMlpOptimizer.Adam, options.Optimizer);
        Assert.AreEqual(1e-3f, options.LearningRate);
        Assert.IsNull(options.BatchSize, "automatic: n/32 within [16, 128]");
        Assert.AreEqual(100, options.MaximumNumberOfEpochs);
        Assert.AreEqual(1_500_000, options.MaximumRowPasses);
        Assert.AreEqual(0.1f, options.ValidationFraction);
        Assert.AreEqual(20, options.EarlyStoppingPatience);
        Assert.IsTrue(options.StandardizeFeatures);
        Assert.AreEqual(0, options.Seed);
        options.Validate();
    }

    [TestMethod]
    [DataRow(1f)]
    [DataRow(-0.1f)]
    [DataRow(1.5f)]
    [DataRow(float.NaN)]
    public void DropoutRate_OutsideZeroToOne_IsRefusedByName(float rate)
    {
        var error = Assert.ThrowsExactly<DropoutMlpOptionsException>(() =>
            new MLContextFixture().Context.MulticlassClassification.Trainers.DropoutMlp(dropoutRate: rate));
        StringAssert.Contains(error.Message, "DropoutRate must be in [0, 1)");
    }

    [TestMethod]
    public void AlphaDropout_WithoutSelu_IsRefused_AndWithSeluAccepted()
    {
        var trainers = new MLContextFixture().Context.MulticlassClassification.Trainers;
        var error = Assert.ThrowsExactly<DropoutMlpOptionsException>(() =>
            trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { DropoutKind = DropoutKind.Alpha, Activation = DropoutMlpActivation.Relu }));
        StringAssert.Contains(error.Message, "Activation = Selu");
        Assert.IsNotNull(trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { DropoutKind = DropoutKind.Alpha, Activation = DropoutMlpActivation.Selu }));
    }

    [TestMethod]
    [DataRow(0f)]
    [DataRow(-1f)]
    [DataRow(float.NaN)]
    public void MaxNorm_NotPositive_IsRefusedByName(float norm)
    {
        var trainers = new MLContextFixture().Context.MulticlassClassification.Trainers;
        StringAssert.Contains(Assert.ThrowsExactly<DropoutMlpOptionsException>(() =>
            trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { MaxNorm = norm })).Message, "MaxNorm must be positive");
        StringAssert.Contains(Assert.ThrowsExactly<DropoutMlpOptionsException>(() =>
            trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { HiddenLayerMaxNorms = [1f, norm] })).Message, "HiddenLayerMaxNorms[1] must be positive");
    }

    [TestMethod]
    public void AllInvalidOptions_AreListedInOneMessage()
    {
        var options = new DropoutMlpBinaryTrainer.Options
        {
            HiddenLayerSizes = [8, 0],
            HiddenLayerDropoutRates = [0.1f],
            InputDropoutRate = 1f,
            LearningRate = 0f,
            BatchSize = 0,
            MaximumNumberOfEpochs = -1,
            MaximumRowPasses = 0,
            ValidationFraction = 1f,
            EarlyStoppingPatience = 0,
            WeightDecay = -1f,
            NumberOfThreads = 0,
            FeatureColumnName = "",
        };

        var error = Assert.ThrowsExactly<DropoutMlpOptionsException>(options.Validate);
        var message = error.Message;
        Assert.HasCount(12, error.Problems, "one problem per invalid option, each on its own");
        foreach (var option in new[]
        {
            "HiddenLayerSizes[1]", "HiddenLayerDropoutRates must have one rate per hidden layer", "InputDropoutRate", "LearningRate",
            "BatchSize", "MaximumNumberOfEpochs", "MaximumRowPasses", "ValidationFraction", "EarlyStoppingPatience", "WeightDecay", "NumberOfThreads",
            "FeatureColumnName",
        })
        {
            StringAssert.Contains(message, option);
        }

        StringAssert.StartsWith(message, "Invalid DropoutMlpBinaryTrainer.Options");
    }

    [TestMethod]
    public void Trainer_DoesNotShareTheCallersLists()
    {
        var sizes = new[] { 8, 4 };
        var trainer = new MLContextFixture().Context.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: sizes);
        sizes[0] = 1000;
        Assert.AreEqual(8, trainer.TrainerOptions.HiddenLayerSizes[0]);
    }
}
