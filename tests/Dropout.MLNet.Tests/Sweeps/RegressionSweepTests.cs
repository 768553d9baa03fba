using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>Sweeps of a regression pipeline: its default metric is RSquared, the others ML.NET names can be chosen, classification's are refused.</summary>
[TestClass]
public sealed class RegressionSweepTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void ARegressionSweep_OptimizesRSquared_ByDefault_OrTheErrorAsked()
    {
        var data = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(600, seed: 1));
        var trainer = _mlContext.Regression.Trainers.DropoutMlp(hiddenLayerSizes: [64], maximumNumberOfEpochs: 40);

        var byDefault = _mlContext.DropoutMlpSweeps().CreateExperiment().SetPipeline(trainer).SetDataset(data, testFraction: 0.25).SetMaxTrials(2).Run();
        var byError = _mlContext.DropoutMlpSweeps().CreateExperiment().SetPipeline(trainer).SetDataset(data, fold: 2)
            .SetMetric(SweepMetric.MeanAbsoluteError).SetMaxTrials(2).Run();

        Assert.AreEqual(SweepMetric.RSquared, byDefault.Metric);
        Assert.AreEqual(byDefault.Trials.Max(t => t.Metric), byDefault.BestTrial.Metric, "RSquared is maximized");
        Assert.IsGreaterThan(0.5, byDefault.BestTrial.Metric);
        Assert.AreEqual(byError.Trials.Min(t => t.Metric), byError.BestTrial.Metric, "the mean absolute error is minimized");
        Assert.IsTrue(byError.Trials.All(t => double.IsFinite(t.Metric)));
    }

    [TestMethod]
    public void AClassificationMetric_IsRefused_ListingTheRegressionOnes()
    {
        var data = _mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(100, seed: 2));
        var experiment = _mlContext.DropoutMlpSweeps().CreateExperiment()
            .SetPipeline(_mlContext.Regression.Trainers.DropoutMlp()).SetDataset(data, testFraction: 0.2).SetMetric(SweepMetric.MicroAccuracy).SetMaxTrials(1);

        var error = Assert.ThrowsExactly<ArgumentException>(() => experiment.Run());

        StringAssert.Contains(error.Message, "RSquared, MeanAbsoluteError, RootMeanSquaredError, MeanSquaredError");
    }
}
