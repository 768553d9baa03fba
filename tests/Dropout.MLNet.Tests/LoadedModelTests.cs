using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

/// <summary>A saved and loaded pipeline still holds a DropoutMlp model: its parameters, history and Monte Carlo dropout come back.</summary>
[TestClass]
public sealed class LoadedModelTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void LoadedPipeline_GivesBackTheModel_ItsParameters_AndItsMonteCarloPredictions()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(300, seed: 1));
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [16, 8],
                DropoutRate = 0.3f,
                InputDropoutRate = 0.1f,
                Activation = DropoutMlpActivation.Tanh,
                MaximumNumberOfEpochs = 6,
                Seed = 5,
            }))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);
        var loaded = SaveAndLoad(mlContext, pipeline, data.Schema);

        var fresh = pipeline.FindDropoutMlp();
        var found = loaded.FindDropoutMlp();

        AssertSameParameters(fresh.Model, found.Model);
        Assert.AreEqual(fresh.FeatureColumnName, found.FeatureColumnName);
        var featurized = loaded.TransformUpToDropoutMlp(data);
        ModelAssert.ScoresEqual(fresh.Transform(pipeline.TransformUpToDropoutMlp(data)), found.Transform(featurized), tolerance: 0f);
        var expected = MonteCarloDropout.Predict(fresh, pipeline.TransformUpToDropoutMlp(data), passes: 7, seed: 3);
        var actual = MonteCarloDropout.Predict(found, featurized, passes: 7, seed: 3);
        CollectionAssert.AreEqual(expected.SelectMany(p => p.MeanProbabilities).ToArray(), actual.SelectMany(p => p.MeanProbabilities).ToArray());
        CollectionAssert.AreEqual(expected.SelectMany(p => p.StandardDeviations).ToArray(), actual.SelectMany(p => p.StandardDeviations).ToArray());

        found.Dispose();
        Assert.AreEqual(300, loaded.Transform(data).GetColumn<string>("PredictedLabel").Count(), "the found model leaves the pipeline's scorer alone");
    }

    [TestMethod]
    public void LoadedBinaryModel_GivesBackItsClasses_AndSavesAgain()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(200, seed: 1));
        var model = mlContext.BinaryClassification.Trainers.DropoutMlp(hiddenLayerSizes: [8], maximumNumberOfEpochs: 4).Fit(data);

        var found = SaveAndLoad(mlContext, model, data.Schema).FindDropoutMlp();
        var again = SaveAndLoad(mlContext, found, data.Schema).FindDropoutMlp();

        AssertSameParameters(model.Model, found.Model);
        AssertSameParameters(model.Model, again.Model);
        CollectionAssert.AreEqual(new[] { "False", "True" }, again.Model.ClassNames.ToArray());
        CollectionAssert.AreEqual(model.Transform(data).GetColumn<float>("Score").ToArray(), again.Transform(data).GetColumn<float>("Score").ToArray());
    }

    [TestMethod]
    public void APipelineWithoutDropoutMlp_IsReportedAsSuch()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(50, seed: 1));
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 2))
            .Fit(data);

        var error = Assert.ThrowsExactly<ArgumentException>(() => SaveAndLoad(mlContext, pipeline, data.Schema).FindDropoutMlp());
        StringAssert.Contains(error.Message, "no DropoutMlp model");
    }

    private ITransformer SaveAndLoad(MLContext mlContext, ITransformer model, DataViewSchema schema)
    {
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        mlContext.Model.Save(model, schema, path);
        return new MLContext(seed: 9).Model.Load(path, out _);
    }

    private static void AssertSameParameters(DropoutMlpModelParameters expected, DropoutMlpModelParameters actual)
    {
        Assert.AreEqual(expected.InputSize, actual.InputSize);
        CollectionAssert.AreEqual(expected.HiddenLayerSizes.ToArray(), actual.HiddenLayerSizes.ToArray());
        Assert.AreEqual(expected.NumberOfOutputs, actual.NumberOfOutputs);
        Assert.AreEqual(expected.Activation, actual.Activation);
        CollectionAssert.AreEqual(expected.HiddenLayerDropoutRates.ToArray(), actual.HiddenLayerDropoutRates.ToArray());
        Assert.AreEqual(expected.InputDropoutRate, actual.InputDropoutRate);
        Assert.AreEqual(expected.DropoutKind, actual.DropoutKind);
        Assert.HasCount(expected.Layers.Count, actual.Layers);
        for (int i = 0; i < expected.Layers.Count; i++)
        {
            CollectionAssert.AreEqual(expected.Layers[i].Weight.ToArray(), actual.Layers[i].Weight.ToArray(), $"layer {i} weights");
            CollectionAssert.AreEqual(expected.Layers[i].Bias.ToArray(), actual.Layers[i].Bias.ToArray(), $"layer {i} bias");
        }

        CollectionAssert.AreEqual(expected.ClassNames.ToArray(), actual.ClassNames.ToArray());
        CollectionAssert.AreEqual(expected.FeatureMeans?.ToArray(), actual.FeatureMeans?.ToArray());
        CollectionAssert.AreEqual(expected.FeatureScales?.ToArray(), actual.FeatureScales?.ToArray());
        CollectionAssert.AreEqual(expected.History.ToArray(), actual.History.ToArray());
        Assert.AreEqual(expected.BestEpoch, actual.BestEpoch);
        Assert.AreEqual(expected.Temperature, actual.Temperature);
        Assert.AreEqual(expected.Seed, actual.Seed);
        CollectionAssert.AreEqual(expected.GetOnnxModel(), actual.GetOnnxModel());
    }
}
