using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Scoring;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests.Zoo;

/// <summary>
/// Every zoo shape with the default options, as a user's first fit: the fit succeeds (its parity check included),
/// Evaluate works, a saved and reloaded copy scores identically, and the test log-loss is no worse than ML.NET's L-BFGS
/// maximum entropy (logistic regression for binary) on standardized features plus a margin.
/// </summary>
/// <remarks>
/// The margin, 0.02 nats plus 5 % of the linear model's log-loss: the teachers are mostly linear, where a linear model
/// fitted to convergence on all rows is near the best possible, while the network holds 10 % of the rows out to stop on
/// and stops early; a calibration fault (a wrong answer at 100 %) costs far more than that on a test set of thousands.
/// </remarks>
[TestClass]
public sealed class DataZooTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("tiny")]
    [DataRow("letters-like")]
    [DataRow("thousand-classes")]
    [DataRow("wide")]
    [DataRow("tall")]
    [DataRow("imbalanced")]
    [DataRow("scales-and-constants")]
    [DataRow("one-hot-rare")]
    [DataRow("duplicates-and-noise")]
    public void Multiclass_DefaultFit_IsExactAndNoWorseThanMaximumEntropy(string name)
    {
        var zoo = DataZoo.Create(name);
        var mlContext = new MLContext(seed: 0);
        var (train, test) = (MulticlassView(mlContext, zoo, zoo.TrainFeatures, zoo.TrainLabels), MulticlassView(mlContext, zoo, zoo.TestFeatures, zoo.TestLabels));

        using var model = mlContext.MulticlassClassification.Trainers.DropoutMlp().Fit(train);
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
        var baseline = mlContext.Transforms.NormalizeMeanVariance("Features")
            .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Fit(train);
        var linear = mlContext.MulticlassClassification.Evaluate(baseline.Transform(test));

        Report(zoo, model, metrics.LogLoss, linear.LogLoss, metrics.MicroAccuracy, linear.MicroAccuracy);
        AssertSavedCopyScoresIdentically(mlContext, model, train, test);
        Assert.IsLessThanOrEqualTo(ParityCheck.Tolerance, model.Model.ParityDifference);
        AssertLogLossWithinMargin(zoo, metrics.LogLoss, linear.LogLoss);
    }

    [TestMethod]
    [DataRow("tiny")]
    [DataRow("binary-imbalanced")]
    [DataRow("binary-small-categorical")]
    public void Binary_DefaultFit_IsExactAndNoWorseThanLogisticRegression(string name)
    {
        var zoo = DataZoo.Create(name);
        var mlContext = new MLContext(seed: 0);
        var (train, test) = (BinaryView(mlContext, zoo, zoo.TrainFeatures, zoo.TrainLabels), BinaryView(mlContext, zoo, zoo.TestFeatures, zoo.TestLabels));

        using var model = mlContext.BinaryClassification.Trainers.DropoutMlp().Fit(train);
        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(test));
        var baseline = mlContext.Transforms.NormalizeMeanVariance("Features")
            .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(train);
        var linear = mlContext.BinaryClassification.Evaluate(baseline.Transform(test));

        Report(zoo, model, metrics.LogLoss, linear.LogLoss, metrics.Accuracy, linear.Accuracy);
        AssertSavedCopyScoresIdentically(mlContext, model, train, test, "Probability");
        Assert.IsLessThanOrEqualTo(ParityCheck.Tolerance, model.Model.ParityDifference);
        AssertLogLossWithinMargin(zoo, metrics.LogLoss, linear.LogLoss);
    }

    private void AssertLogLossWithinMargin(ZooData zoo, double logLoss, double linearLogLoss)
    {
        double bound = linearLogLoss + 0.02 + (0.05 * linearLogLoss);
        Assert.IsLessThanOrEqualTo(bound, logLoss, zoo.ToString());
    }

    private void Report(ZooData zoo, DropoutMlpTransformer model, double logLoss, double linearLogLoss, double accuracy, double linearAccuracy) =>
        TestContext.WriteLine(
            $"{zoo}: log-loss {logLoss:F4} (linear {linearLogLoss:F4}), accuracy {accuracy:F4} (linear {linearAccuracy:F4}), "
            + $"epochs {model.Model.History.Count}, parity {model.Model.ParityDifference:G3}");

    private static void AssertSavedCopyScoresIdentically(MLContext mlContext, ITransformer model, IDataView train, IDataView test, string column = "Score")
    {
        using var stream = new MemoryStream();
        mlContext.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = mlContext.Model.Load(stream, out _);
        if (column == "Score")
        {
            ModelAssert.ScoresEqual(model.Transform(test), loaded.Transform(test), tolerance: 0f);
        }
        else
        {
            CollectionAssert.AreEqual(model.Transform(test).GetColumn<float>(column).ToArray(), loaded.Transform(test).GetColumn<float>(column).ToArray());
        }
    }

    private static IDataView MulticlassView(MLContext mlContext, ZooData zoo, float[][] features, int[] labels) =>
        KeyedData.View(mlContext, zoo.Classes, zoo.FeatureCount, features.Select((f, i) => (labels[i], f)));

    private static IDataView BinaryView(MLContext mlContext, ZooData zoo, float[][] features, int[] labels)
    {
        var schema = SchemaDefinition.Create(typeof(BoolRow));
        schema[nameof(BoolRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, zoo.FeatureCount);
        return mlContext.Data.LoadFromEnumerable(features.Select((f, i) => new BoolRow { Label = labels[i] == 1, Features = f }), schema);
    }

    private sealed class BoolRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
