using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>A trial's hyperparameters reach the swept trainer only, and the pruner stops a trial without an exception through the fit.</summary>
[TestClass]
public sealed class TrialHookTests
{
    [TestMethod]
    public void AnotherDropoutMlpFittedInsideATrial_KeepsItsOwnOptions()
    {
        var mlContext = new MLContext(seed: 1);
        var data = OverfitData.Load(mlContext, 150, seed: 1);
        var featurized = OverfitData.Featurizer(mlContext).Fit(data).Transform(data);
        var nestedRates = new List<float>();
        var options = new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [8],
            MaximumNumberOfEpochs = 2,
            EarlyStoppingPatience = null,
            EpochCompleted = epoch =>
            {
                if (epoch.Epoch == 1)
                {
                    var nested = mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: [4], dropoutRate: 0.05f, maximumNumberOfEpochs: 1).Fit(featurized);
                    nestedRates.Add(nested.Model.HiddenLayerDropoutRates[0]);
                }
            },
        };

        var result = mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(mlContext).Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options)))
            .SetDataset(data, testFraction: 0.3)
            .SetSearchSpace(new SearchSpace { ["DropoutRate"] = new ChoiceOption(0.3f, 0.4f) })
            .SetGridSearchTuner()
            .Run();

        Assert.HasCount(2, result.Trials);
        CollectionAssert.AreEqual(new[] { 0.05f, 0.05f }, nestedRates.ToArray(), "the nested trainer was not given the trial's dropout rate");
    }
}
