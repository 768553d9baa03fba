using Dropout.MLNet.Importance;
using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Training;

/// <summary>
/// The parts of a tabular MLP beyond the plain one (Adam's β₂, learning-rate and dropout schedules, robust scaling with
/// smooth clipping): each changes training, exports exactly to ONNX, loads and scores without this library's help, and
/// works with Monte Carlo dropout, permutation importance, the sweeps and the regression trainer.
/// </summary>
[TestClass]
public sealed class TrainingPartsTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    /// <summary>The plain network each part is added to (since 0.2.0 the defaults have two of the parts).</summary>
    private static readonly DropoutMlpMulticlassTrainer.Options Plain = new() { NumericalEmbedding = NumericalEmbedding.None, FeatureScaling = FeatureScaling.Standard };

    public static IEnumerable<object[]> Parts =>
    [
        ["AdamBeta2 0.95", Plain with { AdamBeta2 = 0.95f }],
        ["cosine learning rate, 2 cycles", Plain with { LearningRateSchedule = LearningRateSchedule.Cosine, LearningRateCycles = 2 }],
        ["flat-cosine dropout", Plain with { DropoutSchedule = DropoutSchedule.FlatCosine }],
        ["robust scaling, smooth clip", Plain with { FeatureScaling = FeatureScaling.RobustSmoothClip }],
        ["periodic embeddings", Plain with { NumericalEmbedding = NumericalEmbedding.Periodic }],
        ["balanced class weights", Plain with { ClassWeighting = ClassWeighting.Balanced }],
        ["scaling layer", Plain with { ScalingLayer = true }],
        ["scaling layer on periodic embeddings, autograd", Plain with
        {
            ScalingLayer = true, NumericalEmbedding = NumericalEmbedding.Periodic, Activation = DropoutMlpActivation.Gelu,
        }],
        ["periodic embeddings of robust-scaled features", Plain with
        {
            NumericalEmbedding = NumericalEmbedding.Periodic, FeatureScaling = FeatureScaling.RobustSmoothClip, PeriodicEmbeddingScale = 1f,
        }],
        ["flat-cosine Gaussian dropout", Plain with { DropoutSchedule = DropoutSchedule.FlatCosine, DropoutKind = DropoutKind.Gaussian }],
        ["flat-cosine DropConnect with SGD", Plain with
        {
            DropoutSchedule = DropoutSchedule.FlatCosine, DropoutKind = DropoutKind.DropConnect, Optimizer = DropoutMlpOptimizer.Sgd,
            LearningRateSchedule = LearningRateSchedule.Cosine, LearningRate = 0.05f,
        }],
    ];

    [TestMethod]
    [DynamicData(nameof(Parts))]
    public void APart_ChangesTraining_AndItsSavedModelScoresAsTheFittedOne(string part, DropoutMlpMulticlassTrainer.Options options)
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 300, seed: 1);
        var settings = options with { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 8, EarlyStoppingPatience = null, Seed = 3 };
        using var plain = _mlContext.MulticlassClassification.Trainers.DropoutMlp(settings with
        {
            AdamBeta2 = 0.999f, LearningRateSchedule = LearningRateSchedule.Constant, DropoutSchedule = DropoutSchedule.Constant, FeatureScaling = FeatureScaling.Standard,
            NumericalEmbedding = NumericalEmbedding.None, ClassWeighting = ClassWeighting.None, ScalingLayer = false,
            Activation = DropoutMlpActivation.Relu,
        }).Fit(data);
        using var model = _mlContext.MulticlassClassification.Trainers.DropoutMlp(settings).Fit(data);

        Assert.AreNotEqual(plain.Model.History[^1].TrainLoss, model.Model.History[^1].TrainLoss, $"{part} changes training");
        Assert.IsLessThan(1e-4, model.Model.ParityDifference, $"{part}: the ONNX model scores as the network");
        Assert.AreEqual(options.FeatureScaling == FeatureScaling.RobustSmoothClip, model.Model.FeatureSmoothClip);
        var loaded = ModelAssert.SavedAndLoaded(_mlContext, model, data.Schema);
        ModelAssert.ScoresEqual(model.Transform(data), loaded.Transform(data), tolerance: 0f);
        var found = loaded.FindDropoutMlp();
        Assert.AreEqual(model.Model.FeatureSmoothClip, found.Model.FeatureSmoothClip, "read back from the ONNX model");
        CollectionAssert.AreEqual(model.Model.FeatureMeans?.ToArray(), found.Model.FeatureMeans?.ToArray());
        Assert.AreEqual(options.NumericalEmbedding, found.Model.NumericalEmbedding, "read back from the ONNX model");
        var passes = MonteCarloDropout.Predict(found, data, passes: 3, seed: 1);
        Assert.IsTrue(passes.All(p => Math.Abs(p.MeanProbabilities.Sum() - 1f) < 1e-4), $"{part}: Monte Carlo dropout on the loaded model");
    }

    [TestMethod]
    public void OneSkewedFeatureThatDecidesTheLabel_IsLearnedBetter_WithRobustScaling()
    {
        // A threshold on a log-normal feature (a few values in the thousands, most near 1), as a tree finds at once;
        // z-scores squeeze the values around the threshold into a few hundredths of a unit.
        double Accuracy(FeatureScaling scaling, int seed)
        {
            var train = _mlContext.Data.LoadFromEnumerable(SkewedThreshold(600, seed));
            var test = _mlContext.Data.LoadFromEnumerable(SkewedThreshold(2000, seed + 100));
            using var model = _mlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options
            {
                HiddenLayerSizes = [32], MaximumNumberOfEpochs = 40, FeatureScaling = scaling, Seed = seed,
            }).Fit(train);
            return _mlContext.BinaryClassification.Evaluate(model.Transform(test)).Accuracy;
        }

        var seeds = new[] { 1, 2, 3 };
        var robust = seeds.Select(s => Accuracy(FeatureScaling.RobustSmoothClip, s)).ToArray();
        var standard = seeds.Select(s => Accuracy(FeatureScaling.Standard, s)).ToArray();

        Assert.IsGreaterThan(standard.Average() + 0.02, robust.Average(), $"robust {string.Join(", ", robust)}; z-scores {string.Join(", ", standard)}");
        Assert.IsTrue(robust.All(a => a > 0.95), string.Join(", ", robust));
    }

    [TestMethod]
    public void BalancedClassWeights_RaiseARareClasssRecall()
    {
        // One row in twenty is positive, and the classes overlap: unweighted, the network mostly says "negative".
        (double Recall, double Accuracy) Fit(ClassWeighting weighting, int seed)
        {
            var train = _mlContext.Data.LoadFromEnumerable(RareClass(2000, seed));
            var test = _mlContext.Data.LoadFromEnumerable(RareClass(4000, seed + 100));
            using var model = _mlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options
            {
                HiddenLayerSizes = [16], MaximumNumberOfEpochs = 20, ClassWeighting = weighting, Seed = seed,
            }).Fit(train);
            var metrics = _mlContext.BinaryClassification.Evaluate(model.Transform(test));
            return (metrics.PositiveRecall, metrics.Accuracy);
        }

        var balanced = new[] { 1, 2 }.Select(s => Fit(ClassWeighting.Balanced, s)).ToArray();
        var plain = new[] { 1, 2 }.Select(s => Fit(ClassWeighting.None, s)).ToArray();

        Assert.IsGreaterThan(plain.Average(p => p.Recall) + 0.2, balanced.Average(p => p.Recall),
            $"balanced {string.Join(", ", balanced)}; plain {string.Join(", ", plain)}");
    }

    [TestMethod]
    public void ASeasonInOneFeature_IsLearnedBetter_WithPeriodicEmbeddings()
    {
        // Three cycles a year in the day of the year, as a ReLU network must piece together from many kinks.
        double RSquared(NumericalEmbedding embedding, int seed)
        {
            var train = _mlContext.Data.LoadFromEnumerable(Seasons(800, seed));
            var test = _mlContext.Data.LoadFromEnumerable(Seasons(1000, seed + 100));
            using var model = _mlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options
            {
                HiddenLayerSizes = [64, 64], DropoutRate = 0.1f, MaximumNumberOfEpochs = 40, NumericalEmbedding = embedding, PeriodicEmbeddingScale = 1f, Seed = seed,
            }).Fit(train);
            return _mlContext.Regression.Evaluate(model.Transform(test)).RSquared;
        }

        var seeds = new[] { 1, 2, 3 };
        var periodic = seeds.Select(s => RSquared(NumericalEmbedding.Periodic, s)).ToArray();
        var plain = seeds.Select(s => RSquared(NumericalEmbedding.None, s)).ToArray();

        Assert.IsGreaterThan(plain.Average() + 0.05, periodic.Average(), $"periodic {string.Join(", ", periodic)}; plain {string.Join(", ", plain)}");
    }

    [TestMethod]
    public void PeriodicEmbeddings_ReadTheNumericFeatures_AndLeaveIndicatorsAsTheyAre()
    {
        // Features: a number, two indicators (a one-hot pair), another number; the label needs both numbers.
        var random = new Random(4);
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            float x = (float)random.NextDouble() * 10, y = (float)random.NextDouble();
            bool first = random.Next(2) == 0;
            return new FourFeatureRow { Label = Math.Sin(x) + y > 0.5, Features = [x, first ? 1f : 0f, first ? 0f : 1f, y] };
        }).ToArray();
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        using var model = _mlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = 5, NumericalEmbedding = NumericalEmbedding.Periodic,
        }).Fit(data);

        CollectionAssert.AreEqual(new[] { 0, 3 }, model.Model.EmbeddedFeatures.ToArray(), "the numbers, not the indicators");
        Assert.AreEqual(4 + (3 * 2), model.Model.Layers[0].Inputs, "the first layer reads the features and three values for each number");
        Assert.IsLessThan(1e-4, model.Model.ParityDifference, "the ONNX model gathers the same features");
        var found = ModelAssert.SavedAndLoaded(_mlContext, model, data.Schema).FindDropoutMlp();
        CollectionAssert.AreEqual(new[] { 0, 3 }, found.Model.EmbeddedFeatures.ToArray(), "read back from the ONNX model");

        // Only indicators: nothing to embed, and the model says so.
        var indicators = _mlContext.Data.LoadFromEnumerable(rows.Select(r => new FourFeatureRow { Label = r.Label, Features = [r.Features[1], r.Features[2], r.Label ? 1f : 0f, 0f] }));
        using var plain = _mlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = 2, NumericalEmbedding = NumericalEmbedding.Periodic,
        }).Fit(indicators);
        Assert.AreEqual(NumericalEmbedding.None, plain.Model.NumericalEmbedding);
        Assert.AreEqual(4, plain.Model.Layers[0].Inputs);
    }

    [TestMethod]
    public void EveryPartTogether_InTheRegressionTrainer_WorksWithMonteCarloDropout_AndImportance()
    {
        var train = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(800, seed: 1));
        var test = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(300, seed: 2));
        using var model = _mlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options
        {
            HiddenLayerSizes = [32, 32],
            DropoutRate = 0.1f,
            LearningRate = 3e-3f,
            AdamBeta2 = 0.95f,
            LearningRateSchedule = LearningRateSchedule.Cosine,
            DropoutSchedule = DropoutSchedule.FlatCosine,
            FeatureScaling = FeatureScaling.RobustSmoothClip,
            NumericalEmbedding = NumericalEmbedding.Periodic,
            ScalingLayer = true,
            MaximumNumberOfEpochs = 40,
        }).Fit(train);

        var metrics = _mlContext.Regression.Evaluate(model.Transform(test));
        var intervals = MonteCarloDropout.PredictRegression(model, test, passes: 20, coverage: 0.9);
        var importance = _mlContext.Regression.DropoutMlpFeatureImportance(model, test, permutationCount: 1);

        Assert.IsGreaterThan(0.95, metrics.RSquared, $"R² {metrics.RSquared}, epochs {model.Model.History.Count}");
        Assert.IsTrue(intervals.All(p => p.Lower < p.Mean && p.Mean < p.Upper && p.ModelStandardDeviation > 0), "the passes draw at the full rates after a schedule that ended near zero");
        var means = intervals.Select(p => p.Mean).ToArray();
        var scores = model.Transform(test).GetColumn<float>("Score").ToArray();
        Assert.IsLessThan(0.6 * metrics.RootMeanSquaredError, means.Zip(scores).Average(p => Math.Abs(p.First - p.Second)), "the passes' mean is near the prediction");
        Assert.IsGreaterThan(0, importance.Single(f => f.Name == "Features[0]" || f.Name.EndsWith("0", StringComparison.Ordinal)).Deltas["RSquared"].Mean * -1);
    }

    [TestMethod]
    public void TheSweeps_SearchThePartsByName()
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 300, seed: 1);
        var space = new SearchSpace
        {
            ["AdamBeta2"] = new UniformSingleOption(0.9f, 0.999f),
            ["FeatureScaling"] = new ChoiceOption(FeatureScaling.Standard, FeatureScaling.RobustSmoothClip),
            ["LearningRateSchedule"] = new ChoiceOption(LearningRateSchedule.Constant, LearningRateSchedule.Cosine),
            ["DropoutSchedule"] = new ChoiceOption(DropoutSchedule.Constant, DropoutSchedule.FlatCosine),
            ["NumericalEmbedding"] = new ChoiceOption(NumericalEmbedding.None, NumericalEmbedding.Periodic),
            ["ScalingLayer"] = new ChoiceOption(false, true),
            ["EnsembleSize"] = new ChoiceOption(1, 2),
        };

        var result = _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(_mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 4 }))
            .SetDataset(data, testFraction: 0.3).SetSearchSpace(space).SetMaxTrials(4).Run();

        Assert.HasCount(4, result.Trials.Where(t => t.Status == TrialStatus.Completed).ToArray());
        Assert.IsTrue(result.Trials.Select(t => t.Parameter["FeatureScaling"]).Distinct().Count() > 1, "both scalings tried");
        var best = result.Model.FindDropoutMlp().Model;
        Assert.AreEqual(result.BestTrial.Parameter["FeatureScaling"] is FeatureScaling.RobustSmoothClip, best.FeatureSmoothClip);
        Assert.AreEqual(Convert.ToInt32(result.BestTrial.Parameter["EnsembleSize"], System.Globalization.CultureInfo.InvariantCulture), best.EnsembleSize);
    }

    [TestMethod]
    public void BadValues_AreRefusedByName()
    {
        var error = Assert.ThrowsExactly<DropoutMlpOptionsException>(() => new DropoutMlpBinaryTrainer.Options
        {
            AdamBeta2 = 1f, LearningRateCycles = 0, FeatureScaling = (FeatureScaling)7,
        }.Validate());

        StringAssert.Contains(error.Message, "AdamBeta2 is 1; it must be in (0, 1)");
        StringAssert.Contains(error.Message, "LearningRateCycles is 0");
        StringAssert.Contains(error.Message, "FeatureScaling is 7, which is not one of Standard, RobustSmoothClip");
    }

    private static IEnumerable<SkewedRow> RareClass(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            bool positive = random.NextDouble() < 0.05;
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            yield return new SkewedRow { Label = positive, Features = [(float)(Normal() + (positive ? 1.5 : 0)), (float)Normal(), (float)Normal()] };
        }
    }

    private static IEnumerable<RegressionData.OneFeatureRow> Seasons(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double day = random.NextDouble() * 365;
            double noise = 0.2 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            yield return new RegressionData.OneFeatureRow { Features = [(float)day], Label = (float)(Math.Sin(2 * Math.PI * 3 * day / 365) + noise) };
        }
    }

    private static IEnumerable<SkewedRow> SkewedThreshold(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            float skewed = (float)Math.Exp(2.5 * normal);
            yield return new SkewedRow { Label = skewed > 1.5f, Features = [skewed, (float)random.NextDouble(), (float)random.NextDouble()] };
        }
    }

    private sealed class SkewedRow
    {
        public bool Label { get; set; }

        [VectorType(3)]
        public float[] Features { get; set; } = [];
    }

    private sealed class FourFeatureRow
    {
        public bool Label { get; set; }

        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }
}
