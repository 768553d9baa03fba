using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Uncertainty;

/// <summary>Monte Carlo dropout: seeded, more uncertain where the classes meet, and never touching the model's own (eval-mode) predictions.</summary>
[TestClass]
public sealed class MonteCarloDropoutTests
{
    private static readonly MLContext MlContext = new(seed: 1);
    private static DropoutMlpTransformer s_model = null!;
    private static IDataView s_test = null!;

    [ClassInitialize]
    public static void Train(TestContext context)
    {
        _ = context;
        var train = SyntheticData.RingsWithKeyLabel(MlContext, 600, seed: 1);
        s_test = SyntheticData.RingsWithKeyLabel(MlContext, 200, seed: 2);
        s_model = MlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [64, 64],
            DropoutRate = 0.3f,
            MaximumNumberOfEpochs = 60,
            LearningRate = 0.01f,
            BatchSize = 128,
        }).Fit(train);
    }

    [TestMethod]
    public void SameSeed_SamePredictions_OtherSeed_OtherPredictions()
    {
        var first = MonteCarloDropout.Predict(s_model, s_test, passes: 10, seed: 3);
        var again = MonteCarloDropout.Predict(s_model, s_test, passes: 10, seed: 3);
        var other = MonteCarloDropout.Predict(s_model, s_test, passes: 10, seed: 4);

        Assert.HasCount(200, first);
        CollectionAssert.AreEqual(first.SelectMany(p => p.MeanProbabilities).ToArray(), again.SelectMany(p => p.MeanProbabilities).ToArray());
        CollectionAssert.AreNotEqual(first.SelectMany(p => p.MeanProbabilities).ToArray(), other.SelectMany(p => p.MeanProbabilities).ToArray());
        Assert.IsTrue(first.All(p => Math.Abs(p.MeanProbabilities.Sum() - 1f) < 1e-4), "mean probabilities sum to 1");
        Assert.IsTrue(first.Any(p => p.StandardDeviations.Any(d => d > 0f)), "the passes differ");
    }

    [TestMethod]
    public void Entropy_IsHigherBetweenTheRings_ThanInTheirMiddles()
    {
        // Rows on the radii that separate the rings (1 and 2), where the classes meet, and rows in the middle of each
        // ring (0.5, 1.5, 2.5); the noise features as in training. (Rows far outside the data are no such test: a ReLU
        // network extrapolates linearly, and its dropout passes there can agree as confidently as in the data.)
        IDataView Circle(double[] radii)
        {
            var random = new Random(7);
            var rows = Enumerable.Range(0, 300).Select(i =>
            {
                double radius = radii[i % radii.Length], angle = random.NextDouble() * 2 * Math.PI;
                return new SyntheticData.RingRow
                {
                    Class = "inner",
                    Features = [(float)(radius * Math.Cos(angle)), (float)(radius * Math.Sin(angle)), (float)random.NextDouble(), (float)random.NextDouble()],
                };
            });
            var data = MlContext.Data.LoadFromEnumerable(rows);
            return MlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class)).Fit(data).Transform(data);
        }

        double boundaries = MonteCarloDropout.Predict(s_model, Circle([1.0, 2.0]), passes: 30).Average(p => p.PredictiveEntropy);
        double middles = MonteCarloDropout.Predict(s_model, Circle([0.5, 1.5, 2.5]), passes: 30).Average(p => p.PredictiveEntropy);

        Assert.IsGreaterThan(middles * 2, boundaries, $"mean entropy between the rings {boundaries:F3}, in their middles {middles:F3}");
    }

    [TestMethod]
    public void TheModelsOwnPredictions_AndASavedCopy_AreUnchanged()
    {
        var before = s_model.Transform(s_test);
        var path = Path.Combine(Path.GetTempPath(), $"mc-{Guid.NewGuid():N}.zip");
        MlContext.Model.Save(s_model, s_test.Schema, path);

        MonteCarloDropout.Predict(s_model, s_test, passes: 5);

        ModelAssert.ScoresEqual(before, s_model.Transform(s_test), tolerance: 0f);
        ModelAssert.ScoresEqual(before, MlContext.Model.Load(path, out _).Transform(s_test), tolerance: 0f);
        File.Delete(path);
    }

    [TestMethod]
    public void BinaryModel_GivesTwoClassProbabilities()
    {
        var train = MlContext.Data.LoadFromEnumerable(SyntheticData.Xor(300, seed: 1));
        var model = MlContext.BinaryClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 10).Fit(train);

        var predictions = MonteCarloDropout.Predict(model, train, passes: 8, seed: 1);

        Assert.HasCount(300, predictions);
        Assert.IsTrue(predictions.All(p => p.MeanProbabilities.Count == 2 && Math.Abs(p.MeanProbabilities.Sum() - 1f) < 1e-5));
        Assert.IsTrue(predictions.All(p => Math.Abs(p.StandardDeviations[0] - p.StandardDeviations[1]) < 1e-5), "P(false) = 1 - P(true) in every pass");
    }

    [TestMethod]
    public void FewerThanTwoPasses_AreRefused()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MonteCarloDropout.Predict(s_model, s_test, passes: 1));
        StringAssert.Contains(error.Message, "at least 2 passes");
    }

    [TestMethod]
    public void RowsOfMoreThanHalfAMillionFeatures_GetTheirPasses()
    {
        // 4,096 rows of 524,288 features overflowed the batch's array; wide rows now come fewer at a time.
        const int width = 600_000;
        var mlContext = new MLContext(seed: 1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 12).Select(i => new WideRow { Features = [.. Enumerable.Range(0, width).Select(_ => (float)random.NextDouble())], Label = i % 2 == 0 }).ToArray();
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(WideRow));
        schema[nameof(WideRow.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, width);
        var data = mlContext.Data.LoadFromEnumerable(rows, schema);
        using var model = mlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options
        {
            HiddenLayerSizes = [4], MaximumNumberOfEpochs = 2, ValidationFraction = 0f,
        }).Fit(data);

        var predictions = MonteCarloDropout.Predict(model, data, passes: 3);

        Assert.HasCount(12, predictions);
        Assert.IsTrue(predictions.All(p => Math.Abs(p.MeanProbabilities.Sum() - 1f) < 1e-4));
    }

    [TestMethod]
    [DataRow(784, 2e-4)]
    [DataRow(600_000, 3.69e-4)]
    [DataRow(int.MaxValue, 1e-3)]
    public void TheExportsTolerance_GrowsWithTheSquareRootOfTheWidestInput_FarBelowAWrongExport(int inputs, double tolerance) =>
        Assert.AreEqual(tolerance, Dropout.MLNet.Scoring.ParityCheck.ToleranceFor(inputs), tolerance * 0.01);

    private sealed class WideRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
