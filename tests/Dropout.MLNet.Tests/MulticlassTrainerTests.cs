using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

[TestClass]
public sealed class MulticlassTrainerTests
{
    private static readonly int[] Hidden = [32, 16];

    [TestMethod]
    public void Pipeline_TrainsScoresAndMapsBackToLabels()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(600, seed: 1));
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: Hidden, dropoutRate: 0.1f, maximumNumberOfEpochs: 60))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(data);
        var test = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(300, seed: 2));
        var scored = model.Transform(test);
        var metrics = mlContext.MulticlassClassification.Evaluate(scored);

        Assert.IsGreaterThan(0.9, metrics.MicroAccuracy, $"accuracy {metrics.MicroAccuracy}");
        var predicted = scored.GetColumn<string>("PredictedLabel").ToArray();
        CollectionAssert.IsSubsetOf(predicted.Distinct().ToArray(), new[] { "inner", "middle", "outer" });
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        scored.Schema["Score"].GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(new[] { "inner", "middle", "outer" }, slotNames.DenseValues().Select(s => s.ToString()).ToArray());
    }
}
