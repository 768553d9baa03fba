using Dropout.MLNet.Importance;
using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Training;

/// <summary>
/// Categories with many levels enter the first layer through learned embeddings: the trainer finds them by ML.NET's
/// one-hot annotations, the model keeps them folded into a plain first layer that exports, saves, loads and scores as
/// fitted, and Monte Carlo dropout, permutation importance, the regression trainer and the sweeps work with them.
/// </summary>
[TestClass]
public sealed class CategoryEmbeddingTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void ACategoryOfManyLevels_IsEmbedded_AndItsSavedModelScoresAsTheFittedOne()
    {
        var data = _mlContext.Data.LoadFromEnumerable(Rows(600, levels: 40, seed: 1));
        var settings = new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 8, EarlyStoppingPatience = null, Seed = 3 };
        using var plain = Pipeline(settings).Fit(data);
        var pipeline = Pipeline(settings with { CategoricalEmbeddingSize = 4 });
        using var model = pipeline.Fit(data);

        var fitted = model.FindDropoutMlp();
        Assert.AreNotEqual(plain.FindDropoutMlp().Model.History[^1].TrainLoss, fitted.Model.History[^1].TrainLoss, "the embeddings change training");
        Assert.IsLessThan(1e-4, fitted.Model.ParityDifference, "the ONNX model, with the embeddings folded in, scores as the network");
        Assert.AreEqual(41, fitted.Model.Layers[0].Inputs, "the model's first layer reads the feature vector: x and the 40 one-hot slots");
        var loaded = ModelAssert.SavedAndLoaded(_mlContext, model, data.Schema);
        var test = _mlContext.Data.LoadFromEnumerable(Rows(200, levels: 40, seed: 2));
        ModelAssert.ScoresEqual(model.Transform(test), loaded.Transform(test), tolerance: 0f);

        var passes = MonteCarloDropout.Predict(loaded.FindDropoutMlp(), loaded.TransformUpToDropoutMlp(test), passes: 3, seed: 1);
        Assert.IsTrue(passes.All(p => Math.Abs(p.MeanProbabilities.Sum() - 1f) < 1e-4), "Monte Carlo dropout on the loaded model");
        var importance = _mlContext.MulticlassClassification.DropoutMlpFeatureImportance(loaded, test, permutationCount: 1);
        var category = importance.Single(f => f.Name == "Category");
        Assert.IsLessThan(0, category.Deltas["MicroAccuracy"].Mean, "shuffling the category, which decides most labels, costs accuracy");
    }

    [TestMethod]
    public void ACategoryOfNoMoreLevelsThanTheSize_EntersAsItsOneHotSlots()
    {
        var data = _mlContext.Data.LoadFromEnumerable(Rows(300, levels: 6, seed: 1));
        var settings = new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 3, EarlyStoppingPatience = null, Seed = 3 };
        using var plain = Pipeline(settings).Fit(data);
        using var model = Pipeline(settings with { CategoricalEmbeddingSize = 8 }).Fit(data);

        CollectionAssert.AreEqual(plain.FindDropoutMlp().Model.History.Select(e => e.TrainLoss).ToArray(),
            model.FindDropoutMlp().Model.History.Select(e => e.TrainLoss).ToArray(), "7 slots are not more than 8: nothing is embedded");
    }

    [TestMethod]
    public void TheRegressionTrainer_AndTheSweeps_EmbedCategories()
    {
        var data = _mlContext.Data.LoadFromEnumerable(Rows(500, levels: 30, seed: 4).Select(r => new ValueRow { X = r.X, Category = r.Category, Label = r.Value }));
        var featurize = _mlContext.Transforms.Categorical.OneHotEncoding("Category").Append(_mlContext.Transforms.Concatenate("Features", "X", "Category"));
        var trainer = _mlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = 30, CategoricalEmbeddingSize = 8, LearningRate = 3e-3f,
        });
        using var model = featurize.Append(trainer).Fit(data);
        var metrics = _mlContext.Regression.Evaluate(model.Transform(data));
        Assert.IsGreaterThan(0.5, metrics.RSquared, "the level's value is learned through its embedding");
        var intervals = MonteCarloDropout.PredictRegression(model.LastTransformer, model.TransformUpToDropoutMlp(data), passes: 5, coverage: 0.9);
        Assert.IsTrue(intervals.All(p => p.Lower < p.Upper));

        var result = _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(featurize.Append(_mlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 4 })))
            .SetDataset(data, testFraction: 0.3)
            .SetSearchSpace(new SearchSpace { ["CategoricalEmbeddingSize"] = new ChoiceOption(0, 4, 8) })
            .SetMaxTrials(3).Run();
        Assert.HasCount(3, result.Trials.Where(t => t.Status == TrialStatus.Completed).ToArray());
        Assert.IsTrue(result.Trials.Select(t => t.Parameter["CategoricalEmbeddingSize"]).Distinct().Count() > 1, "sizes other than one tried");
    }

    [TestMethod]
    public void ASizeOutOfRange_IsRefusedByName()
    {
        var error = Assert.ThrowsExactly<DropoutMlpOptionsException>(() => new DropoutMlpBinaryTrainer.Options { CategoricalEmbeddingSize = 65 }.Validate());

        StringAssert.Contains(error.Message, "CategoricalEmbeddingSize is 65; it must be 0 (off) or at most 64");
    }

    private EstimatorChain<DropoutMlpTransformer> Pipeline(DropoutMlpMulticlassTrainer.Options options) =>
        _mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(_mlContext.Transforms.Categorical.OneHotEncoding("Category"))
            .Append(_mlContext.Transforms.Concatenate("Features", "X", "Category"))
            .Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(options));

    /// <summary>Each of <paramref name="levels"/> levels has a value of its own; the class is the level's value plus x, cut in three.</summary>
    private static IEnumerable<CategoryRow> Rows(int count, int levels, int seed)
    {
        var levelValues = Enumerable.Range(0, levels).Select(level => (float)Math.Sin(level * 2.7)).ToArray();
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int level = random.Next(levels);
            float x = (float)((random.NextDouble() * 2) - 1);
            float value = (2 * levelValues[level]) + (0.5f * x);
            yield return new CategoryRow { X = x, Category = $"c{level}", Value = value, Label = value < -0.7f ? "low" : value < 0.7f ? "middle" : "high" };
        }
    }

    private sealed class CategoryRow
    {
        public float X { get; set; }

        public string Category { get; set; } = string.Empty;

        public float Value { get; set; }

        public string Label { get; set; } = string.Empty;
    }

    private sealed class ValueRow
    {
        public float X { get; set; }

        public string Category { get; set; } = string.Empty;

        public float Label { get; set; }
    }
}
