using Microsoft.ML;
using Dropout.MLNet.Tests.Infrastructure;
using TorchSharp;

namespace Dropout.MLNet.Tests.Training;

[TestClass]
public sealed class TensorLifetimeTests
{
    [TestMethod]
    public void Fit_LeavesNoLiveTensorBehind_HoweverManyEpochs()
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 600, seed: 1);
        long LiveAfterFit(int epochs)
        {
            mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [16, 8],
                DropoutRate = 0.3f,
                InputDropoutRate = 0.1f,
                BatchSize = 32,
                MaximumNumberOfEpochs = epochs,
                EarlyStoppingPatience = null,
            }).Fit(train);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }

        long afterOne = LiveAfterFit(1);
        long afterTen = LiveAfterFit(10);

        Assert.AreEqual(afterOne, afterTen, "live tensors grow with epochs or batches");
    }
}
