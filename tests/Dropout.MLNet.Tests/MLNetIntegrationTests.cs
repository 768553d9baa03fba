using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

/// <summary>The ML.NET machinery users apply to trainers accepts DropoutMlp as it accepts ML.NET's own.</summary>
[TestClass]
public sealed class MLNetIntegrationTests
{
    [TestMethod]
    public void CrossValidate_Multiclass_RunsEveryFold()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(300, seed: 1));
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [32],
                LearningRate = 0.01f,
                MaximumNumberOfEpochs = 60,
            }));

        var folds = mlContext.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: 3);

        Assert.HasCount(3, folds);
        Assert.IsTrue(folds.All(f => f.Metrics.MicroAccuracy > 0.8), string.Join(", ", folds.Select(f => f.Metrics.MicroAccuracy)));
    }

    [TestMethod]
    public void CrossValidate_Binary_ReportsCalibratedMetrics()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(300, seed: 1));

        var folds = mlContext.BinaryClassification.CrossValidate(data, mlContext.BinaryClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 20), numberOfFolds: 3);

        Assert.IsTrue(folds.All(f => f.Metrics.LogLoss > 0 && f.Metrics.AreaUnderRocCurve > 0.5));
    }

    [TestMethod]
    public void PredictionEngine_ScoresOneRow_LikeTransform()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(300, seed: 1));
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: [16], maximumNumberOfEpochs: 10))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);
        var row = SyntheticData.Rings(1, seed: 9).Single();

        var prediction = mlContext.Model.CreatePredictionEngine<SyntheticData.RingRow, RingPrediction>(model).Predict(row);
        var batch = model.Transform(mlContext.Data.LoadFromEnumerable([row]));

        CollectionAssert.AreEqual(batch.GetColumn<float[]>("Score").Single(), prediction.Score);
        Assert.AreEqual(batch.GetColumn<string>("PredictedLabel").Single(), prediction.PredictedLabel);
        Assert.AreEqual(1f, prediction.Score.Sum(), 1e-5f);
    }

    [TestMethod]
    public void EstimatorOutputSchema_MatchesTheFittedSchema()
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 90, seed: 1);
        var trainer = mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: [8], maximumNumberOfEpochs: 2);

        var declared = trainer.GetOutputSchema(Shapes.Of(train.Schema));
        var fitted = trainer.Fit(train).GetOutputSchema(train.Schema);

        foreach (var name in new[] { "Score", "PredictedLabel" })
        {
            var column = declared.Single(c => c.Name == name);
            var actual = fitted[name];
            Assert.AreEqual(actual.Type is VectorDataViewType, column.Kind == SchemaShape.Column.VectorKind.Vector, name);
            Assert.AreEqual(actual.Type is KeyDataViewType, column.IsKey, name);
        }
    }

    private sealed class RingPrediction
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }
}
