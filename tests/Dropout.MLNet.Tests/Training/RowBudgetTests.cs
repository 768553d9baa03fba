using Microsoft.ML;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests.Training;

/// <summary><see cref="DropoutMlpOptionsBase.MaximumRowPasses"/>: a large data set trains fewer epochs, a small one all of them.</summary>
[TestClass]
public sealed class RowBudgetTests
{
    [TestMethod]
    [DataRow(200L, 100)]
    [DataRow(15_000L, 100)]
    [DataRow(15_001L, 100)]
    [DataRow(30_000L, 50)]
    [DataRow(100_000L, 15)]
    [DataRow(1_000_000L, 2)]
    [DataRow(5_000_000L, 1)]
    public void TheDefaultBudget_ShortensOnlyLargeFits(long rows, int epochs) =>
        Assert.AreEqual(epochs, new DropoutMlpMulticlassTrainer.Options().ResolvedEpochs(rows));

    [TestMethod]
    [DataRow(3_750L, 1, 100)]
    [DataRow(3_750L, 4, 100)]
    [DataRow(30_000L, 4, 13)]
    [DataRow(100_000L, 8, 2)]
    public void AnEnsemble_SpendsTheBudgetOnEachMember(long rows, int members, int epochs) =>
        Assert.AreEqual(epochs, new DropoutMlpBinaryTrainer.Options { EnsembleSize = members }.ResolvedEpochs(rows));

    [TestMethod]
    public void NoBudget_TrainsEveryEpoch() =>
        Assert.AreEqual(100, new DropoutMlpRegressionTrainer.Options { MaximumRowPasses = null }.ResolvedEpochs(1_000_000));

    [TestMethod]
    public void AFit_StopsWhenItsRowPassesAreSpent_AndItsLearningRateScheduleEndsThere()
    {
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.RingsWithKeyLabel(mlContext, 1_000, seed: 2);
        var epochs = new List<EpochRecord>();
        var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [16],
            EarlyStoppingPatience = null,
            MaximumRowPasses = 3_000,
            LearningRateSchedule = LearningRateSchedule.Cosine,
            EpochCompleted = epochs.Add,
        }).Fit(data);

        // 900 training rows (a tenth is held out): three passes and a part, so four epochs, and not the 100 the options allow.
        Assert.HasCount(4, model.Model.History);
        Assert.HasCount(4, epochs);
    }
}
