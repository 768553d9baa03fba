using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>The sweep's metrics agree with ML.NET's own evaluators on the same scored data.</summary>
[TestClass]
public sealed class SweepMetricTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void Multiclass_MatchesMlNetsEvaluator()
    {
        var train = SyntheticData.RingsWithKeyLabel(_mlContext, 300, seed: 1);
        var test = SyntheticData.RingsWithKeyLabel(_mlContext, 300, seed: 2);
        var scored = _mlContext.MulticlassClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 5).Fit(train).Transform(test);
        var expected = _mlContext.MulticlassClassification.Evaluate(scored);

        Assert.AreEqual(expected.MicroAccuracy, Measure(DropoutMlpTask.Multiclass, SweepMetric.MicroAccuracy, scored), 1e-9);
        Assert.AreEqual(expected.MacroAccuracy, Measure(DropoutMlpTask.Multiclass, SweepMetric.MacroAccuracy, scored), 1e-9);
        Assert.AreEqual(expected.LogLoss, Measure(DropoutMlpTask.Multiclass, SweepMetric.LogLoss, scored), 1e-5);
    }

    [TestMethod]
    public void Binary_MatchesMlNetsEvaluator()
    {
        var train = _mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(300, seed: 1));
        var test = _mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(300, seed: 2));
        var scored = _mlContext.BinaryClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 5).Fit(train).Transform(test);
        var expected = _mlContext.BinaryClassification.Evaluate(scored);

        Assert.AreEqual(expected.Accuracy, Measure(DropoutMlpTask.Binary, SweepMetric.Accuracy, scored), 1e-9);
        Assert.AreEqual(expected.AreaUnderRocCurve, Measure(DropoutMlpTask.Binary, SweepMetric.AreaUnderRocCurve, scored), 1e-6);
        Assert.AreEqual(expected.F1Score, Measure(DropoutMlpTask.Binary, SweepMetric.F1Score, scored), 1e-9);
        Assert.AreEqual(expected.LogLoss, Measure(DropoutMlpTask.Binary, SweepMetric.LogLoss, scored), 1e-5);
    }

    private static double Measure(DropoutMlpTask task, SweepMetric metric, IDataView scored) =>
        SweepMetricChoice.Resolve(metric, task).Measure.Compute(scored, "Label");
}
