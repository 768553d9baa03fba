using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>Trials run at once end with the same trials as one at a time, and cannot be combined with a checkpoint yet.</summary>
[TestClass]
public sealed class ParallelTrialsTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void TwoTrialsAtOnce_GiveTheSequentialSweepsTrials()
    {
        var data = OverfitData.Load(_mlContext, 300, seed: 1);

        var sequential = Experiment(data).Run();
        var parallel = Experiment(data).SetParallelTrials(2).Run();

        CollectionAssert.AreEqual(Describe(sequential), Describe(parallel));
        Assert.AreEqual(sequential.BestTrial.TrialId, parallel.BestTrial.TrialId);
        ModelAssert.ScoresEqual(sequential.Model.Transform(data), parallel.Model.Transform(data), tolerance: 1e-6f);
    }

    private static string[] Describe(DropoutMlpExperimentResult result) =>
        [.. result.Trials.Select(t => $"{t.TrialId} {t.Parameter} {t.Status} {t.Metric:R} {t.EpochsRun}")];

    private DropoutMlpExperiment Experiment(IDataView data) =>
        _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 2)
            .SetPipeline(OverfitData.Featurizer(_mlContext).Append(_mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [32],
                MaximumNumberOfEpochs = 8,
                EarlyStoppingPatience = null,
            })))
            .SetDataset(data, testFraction: 0.3)
            .SetSearchSpace(new SearchSpace { ["DropoutRate"] = new UniformSingleOption(0f, 0.6f), ["LearningRate"] = new ChoiceOption(3e-3f, 1e-2f) })
            .SetGridSearchTuner(stepsPerRange: 3);
}
