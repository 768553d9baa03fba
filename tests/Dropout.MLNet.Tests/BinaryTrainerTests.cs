using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

[TestClass]
public sealed class BinaryTrainerTests
{
    [TestMethod]
    public void Xor_IsLearned_WithScoreProbabilityAndPredictedLabel()
    {
        var mlContext = new MLContext(seed: 1);
        var train = mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(800, seed: 1));
        var test = mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(300, seed: 2));

        var model = mlContext.BinaryClassification.Trainers.DropoutMlp(hiddenLayerSizes: [32, 16], dropoutRate: 0.1f, maximumNumberOfEpochs: 80).Fit(train);
        var scored = model.Transform(test);
        var metrics = mlContext.BinaryClassification.Evaluate(scored);
        var linear = mlContext.BinaryClassification.Evaluate(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(train).Transform(test));

        Assert.IsGreaterThan(0.9, metrics.Accuracy, $"accuracy {metrics.Accuracy}");
        Assert.IsGreaterThan(linear.Accuracy + 0.2, metrics.Accuracy, $"MLP {metrics.Accuracy:F3} vs linear {linear.Accuracy:F3}");
        Assert.AreEqual(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.AreEqual(NumberDataViewType.Single, scored.Schema["Probability"].Type);
        Assert.AreEqual(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var rows = mlContext.Data.CreateEnumerable<BinaryPrediction>(scored, reuseRowObject: false).ToArray();
        Assert.IsTrue(rows.All(r => Math.Abs(r.Probability - (1 / (1 + Math.Exp(-r.Score)))) < 1e-5), "Probability = sigmoid(Score)");
        Assert.IsTrue(rows.All(r => r.PredictedLabel == (r.Score > 0)), "PredictedLabel = Score > 0");
    }

    [TestMethod]
    public void ExampleWeights_ChangeTheModel()
    {
        var mlContext = new MLContext(seed: 1);
        var rows = SyntheticData.Xor(200, seed: 1).ToArray();
        var data = mlContext.Data.LoadFromEnumerable(rows.Select((r, i) => new WeightedXorRow { Label = r.Label, Features = r.Features, Weight = r.Label ? 5f : 1f }));
        DropoutMlpTransformer Fit(string? weight) => mlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options
        {
            HiddenLayerSizes = [8],
            MaximumNumberOfEpochs = 30,
            LearningRate = 0.01f,
            EarlyStoppingPatience = null,
            ExampleWeightColumnName = weight,
        }).Fit(data);

        float meanWeighted = Fit("Weight").Transform(data).GetColumn<float>("Probability").Average();
        float meanPlain = Fit(null).Transform(data).GetColumn<float>("Probability").Average();

        Assert.IsGreaterThan(meanPlain + 0.05f, meanWeighted, "up-weighting the positive rows raises the probabilities");
    }

    private sealed class BinaryPrediction
    {
        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private sealed class WeightedXorRow
    {
        public bool Label { get; set; }

        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Weight { get; set; }
    }
}
