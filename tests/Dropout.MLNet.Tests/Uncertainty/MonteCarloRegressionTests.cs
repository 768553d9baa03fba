using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Uncertainty;

/// <summary>Monte Carlo dropout for regression: intervals that hold about their nominal share of held-out labels, and widen far from the training rows.</summary>
[TestClass]
public sealed class MonteCarloRegressionTests
{
    private static readonly MLContext MlContext = new(seed: 1);
    private static DropoutMlpTransformer s_model = null!;

    /// <summary>Dropout chosen by hand for this task (0.1 after each of two layers; 0.3 gave a worse fit, 0.02 no spread).</summary>
    [ClassInitialize]
    public static void Train(TestContext context)
    {
        _ = context;
        var train = MlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(3000, seed: 1));
        s_model = MlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options
        {
            HiddenLayerSizes = [64, 64],
            DropoutRate = 0.1f,
            ValidationFraction = 0.2f,
            // The plain network: periodic embeddings keep far rows' cosines in range, and the passes spread less there
            // (TheInterval_WidensLessFarFromTheTrainingRows_WithPeriodicEmbeddings).
            NumericalEmbedding = NumericalEmbedding.None,
        }).Fit(train);
    }

    [ClassCleanup]
    public static void Release() => s_model.Dispose();

    [TestMethod]
    [DataRow(0.9)]
    [DataRow(0.5)]
    public void HeldOutLabels_FallInTheInterval_NearItsNominalShare(double coverage)
    {
        var rows = RegressionData.Heteroscedastic(2000, seed: 2).ToArray();

        var predictions = MonteCarloDropout.PredictRegression(s_model, MlContext.Data.LoadFromEnumerable(rows), passes: 40, seed: 3, coverage: coverage);

        double inside = rows.Zip(predictions).Count(p => p.First.Label >= p.Second.Lower && p.First.Label <= p.Second.Upper) / (double)rows.Length;
        Assert.AreEqual(coverage, inside, 0.05, $"share of held-out labels inside the {coverage:P0} interval");
        Assert.IsTrue(predictions.All(p => p.Lower < p.Mean && p.Mean < p.Upper && p.StandardDeviation >= p.ModelStandardDeviation));
    }

    [TestMethod]
    public void TheInterval_WidensFarFromTheTrainingRows()
    {
        var inside = MlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(300, seed: 4));
        var outside = MlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(300, seed: 5, low: 4, high: 6));

        double Spread(IDataView rows) => MeanSpread(s_model, rows);
        double Width(IDataView rows) => MonteCarloDropout.PredictRegression(s_model, rows, passes: 40, seed: 6).Average(p => p.Upper - p.Lower);

        double near = Spread(inside), far = Spread(outside);
        Assert.IsGreaterThan(3 * near, far, $"the passes disagree more at x in [4, 6], trained on [-1.5, 1.5]: {far} against {near}");
        Assert.IsGreaterThan(Width(inside), Width(outside));
    }

    [TestMethod]
    public void TheInterval_WidensLessFarFromTheTrainingRows_WithPeriodicEmbeddings()
    {
        var train = MlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(3000, seed: 1));
        using var model = MlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options
        {
            HiddenLayerSizes = [64, 64], DropoutRate = 0.1f, ValidationFraction = 0.2f, NumericalEmbedding = NumericalEmbedding.Periodic,
        }).Fit(train);
        var inside = MlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(300, seed: 4));
        var outside = MlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(300, seed: 5, low: 4, high: 6));

        double near = MeanSpread(model, inside), far = MeanSpread(model, outside);

        // About twice (0.30 against 0.15 when written), where the plain network's passes disagree more than three times as much.
        Assert.IsGreaterThan(1.5 * near, far, $"periodic embeddings: the passes still disagree more at x in [4, 6]: {far} against {near}");
    }

    [TestMethod]
    public void TheSameSeed_GivesTheSamePredictions_AndClassifiersAreSentToPredict()
    {
        var rows = MlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(50, seed: 7));
        CollectionAssert.AreEqual(
            MonteCarloDropout.PredictRegression(s_model, rows, seed: 8).ToArray(),
            MonteCarloDropout.PredictRegression(s_model, rows, seed: 8).ToArray());
        var error = Assert.ThrowsExactly<ArgumentException>(() => MonteCarloDropout.Predict(s_model, rows));
        StringAssert.Contains(error.Message, "PredictRegression");
    }

    [TestMethod]
    public void AModelWithoutValidationRows_IsRefusedIntervals_NamingTheFix_AndTheFitSaysSo()
    {
        var (model, rows, warnings) = FitSmall(300, validationFraction: 0f);
        using (model)
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() => MonteCarloDropout.PredictRegression(model, rows));

            StringAssert.Contains(error.Message, "without validation rows");
            StringAssert.Contains(error.Message, "ValidationFraction");
            StringAssert.Contains(warnings.Single(), "No validation rows");
        }
    }

    [TestMethod]
    public void TenValidationRows_PromiseNinetyPercent_ButNotNinetyFive()
    {
        var (model, rows, warnings) = FitSmall(100, validationFraction: 0.1f);
        using (model)
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() => MonteCarloDropout.PredictRegression(model, rows, coverage: 0.95));

            StringAssert.Contains(error.Message, "rest on 10 validation rows, too few to promise 0.95 coverage");
            StringAssert.Contains(error.Message, "needs at least 19");
            Assert.HasCount(100, MonteCarloDropout.PredictRegression(model, rows, coverage: 0.9).ToArray(), "⌈11 · 0.9⌉ = 10: the largest of ten residuals");
            StringAssert.Contains(warnings.Single(), "Only 10 validation rows calibrate");
        }
    }

    [TestMethod]
    [DataRow(0.5, 1)]
    [DataRow(0.9, 9)]
    [DataRow(0.95, 19)]
    [DataRow(0.99, 99)]
    public void TheFewestRows_ThatPromiseACoverage_AreSplitConformals(double coverage, int rows) =>
        Assert.AreEqual(rows, MonteCarloDropout.CalibrationRowsNeeded(coverage));

    private static (DropoutMlpTransformer Model, IDataView Rows, IReadOnlyList<string> Warnings) FitSmall(int count, float validationFraction)
    {
        var mlContext = new MLContext(seed: 1);
        var warnings = LogWarnings.Of(mlContext);
        var rows = mlContext.Data.LoadFromEnumerable(RegressionData.Heteroscedastic(count, seed: 9));
        var model = mlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options
        {
            HiddenLayerSizes = [16], DropoutRate = 0.1f, ValidationFraction = validationFraction, MaximumNumberOfEpochs = 5,
        }).Fit(rows);
        return (model, rows, warnings);
    }

    /// <summary>The passes' mean disagreement over <paramref name="rows"/>.</summary>
    private static double MeanSpread(DropoutMlpTransformer model, IDataView rows) =>
        MonteCarloDropout.PredictRegression(model, rows, passes: 40, seed: 6).Average(p => p.ModelStandardDeviation);
}
