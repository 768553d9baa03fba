using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Importance;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

[TestClass]
public sealed class RegressionTrainerTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void LearnsANonlinearLabel_InItsOwnUnit_BetterThanALinearModel()
    {
        var train = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(2000, seed: 1));
        var test = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(500, seed: 2));

        using var model = _mlContext.Regression.Trainers.DropoutMlp(hiddenLayerSizes: [64, 32], dropoutRate: 0.1f).Fit(train);
        var metrics = _mlContext.Regression.Evaluate(model.Transform(test));
        var linear = _mlContext.Regression.Evaluate(_mlContext.Regression.Trainers.Sdca().Fit(train).Transform(test));

        Assert.IsGreaterThan(0.95, metrics.RSquared, $"R² {metrics.RSquared:F4} (noise alone leaves about 0.99)");
        Assert.IsLessThan(linear.RootMeanSquaredError / 2, metrics.RootMeanSquaredError, $"RMSE {metrics.RootMeanSquaredError:F2} against SDCA's {linear.RootMeanSquaredError:F2}");
        Assert.AreEqual(1, model.Model.NumberOfOutputs);
        Assert.IsEmpty(model.Model.ClassNames);
        Assert.IsNull(model.Model.History[^1].ValidationAccuracy, "a regression model has no accuracy");
        Assert.IsNotNull(model.Model.ResidualStandardDeviation);
        Assert.AreEqual(metrics.RootMeanSquaredError, model.Model.ResidualStandardDeviation!.Value, metrics.RootMeanSquaredError * 0.3,
            "the validation residuals' deviation, in the label's unit, is about the held-out RMSE");
    }

    [TestMethod]
    public void CrossValidate_AndPredictionEngine_WorkAsWithMlNetsRegressors()
    {
        var data = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(600, seed: 3));
        var trainer = _mlContext.Regression.Trainers.DropoutMlp(maximumNumberOfEpochs: 40);

        var folds = _mlContext.Regression.CrossValidate(data, trainer, numberOfFolds: 3);
        Assert.HasCount(3, folds);
        Assert.IsTrue(folds.All(f => f.Metrics.RSquared > 0.7), string.Join(", ", folds.Select(f => f.Metrics.RSquared)));

        using var model = trainer.Fit(data);
        var row = RegressionData.Smooth(1, seed: 4).Single();
        var engine = _mlContext.Model.CreatePredictionEngine<RegressionData.Row, Prediction>(model);
        var batch = model.Transform(_mlContext.Data.LoadFromEnumerable(new[] { row })).GetColumn<float>("Score").Single();
        Assert.AreEqual(batch, engine.Predict(row).Score);
    }

    [TestMethod]
    public void Huber_PullsLessTowardOutlyingLabels_ThanTheSquaredError()
    {
        var random = new Random(7);
        var rows = RegressionData.Smooth(1500, seed: 5).Select(r =>
        {
            r.Label += random.NextDouble() < 0.05 ? 3000f : 0f;
            return r;
        }).ToArray();
        var train = _mlContext.Data.LoadFromEnumerable(rows);
        var test = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(500, seed: 6));
        var options = new DropoutMlpRegressionTrainer.Options { HiddenLayerSizes = [64, 32], DropoutRate = 0.1f, ValidationFraction = 0.1f };

        double Error(RegressionLoss loss) =>
            _mlContext.Regression.Evaluate(_mlContext.Regression.Trainers.DropoutMlp(options with { Loss = loss, HuberDelta = 0.2f }).Fit(train).Transform(test)).MeanAbsoluteError;

        double squared = Error(RegressionLoss.SquaredError), huber = Error(RegressionLoss.Huber);
        Assert.IsLessThan(squared / 2, huber, $"MAE on clean rows: Huber {huber:F1}, squared error {squared:F1} (5 % of training labels 3000 too high)");
    }

    [TestMethod]
    public void MissingLabels_AreSkipped_ButAnInfiniteOrConstantLabel_IsRefused()
    {
        var rows = RegressionData.Smooth(300, seed: 8).ToArray();
        rows[3].Label = float.NaN;
        using var model = _mlContext.Regression.Trainers.DropoutMlp(maximumNumberOfEpochs: 2).Fit(_mlContext.Data.LoadFromEnumerable(rows));
        Assert.IsTrue(float.IsFinite(model.Transform(_mlContext.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score").First()));

        rows[3].Label = float.PositiveInfinity;
        var infinite = Assert.ThrowsExactly<ArgumentException>(() => _mlContext.Regression.Trainers.DropoutMlp().Fit(_mlContext.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(infinite.Message, "Label column 'Label'");

        var constant = rows.Select(r => new RegressionData.Row { Features = r.Features, Label = 4f });
        var same = Assert.ThrowsExactly<ArgumentException>(() => _mlContext.Regression.Trainers.DropoutMlp().Fit(_mlContext.Data.LoadFromEnumerable(constant)));
        StringAssert.Contains(same.Message, "label column 'Label'");
    }

    [TestMethod]
    public void OptionsThatOnlyClassifiersHave_AreRefused_NamingTheOption()
    {
        var options = new DropoutMlpRegressionTrainer.Options { EarlyStoppingMetric = EarlyStoppingMetric.ValidationAccuracy, HuberDelta = 0f };

        var error = Assert.ThrowsExactly<DropoutMlpOptionsException>(() => _mlContext.Regression.Trainers.DropoutMlp(options));

        StringAssert.Contains(error.Message, "EarlyStoppingMetric");
        StringAssert.Contains(error.Message, "HuberDelta");
    }

    [TestMethod]
    public void FeatureImportance_FindsTheFeaturesTheLabelDependsOn()
    {
        var train = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(1000, seed: 9));
        var test = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(400, seed: 10));
        using var model = _mlContext.Regression.Trainers.DropoutMlp(hiddenLayerSizes: [32], maximumNumberOfEpochs: 40).Fit(train);

        var importance = _mlContext.Regression.DropoutMlpFeatureImportance(model, test, grouping: FeatureGrouping.BySlot, seed: 1);

        var drops = importance.Select(f => -f.Deltas["RSquared"].Mean).ToArray();
        Assert.IsGreaterThan(0.2, drops[0], $"x0 (sin 2x₀): {string.Join(", ", drops)}");
        Assert.IsLessThan(0.02, drops[3], $"x3 is noise: {string.Join(", ", drops)}");
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
