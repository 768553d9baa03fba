using Dropout.MLNet.Network;
using Dropout.MLNet.Tests.Infrastructure;
using Dropout.MLNet.Training;
using Microsoft.ML;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests.Training;

/// <summary>A fit picks libtorch's thread count from the size of a step, or takes the option's, and sets the process's count back.</summary>
[TestClass]
public sealed class TrainingThreadsTests
{
    [TestMethod]
    public void SmallNetworks_TrainOnOneThread_WideOnesOnMore()
    {
        Assert.AreEqual(1, TrainingThreads.For(new NetworkSpec(9, [128, 64], 7, DropoutMlpActivation.Relu, [0.2f, 0.2f], 0f), 128));
        int wide = TrainingThreads.For(new NetworkSpec(784, [512, 256], 10, DropoutMlpActivation.Relu, [0.2f, 0.2f], 0f), 128);
        Assert.AreEqual(Math.Min(4, Environment.ProcessorCount), wide, "411 MFLOP a step: four threads, as far as the machine has them");
    }

    [TestMethod]
    [DataRow(null, 1)]
    [DataRow(2, 2)]
    public void AFit_UsesItsThreads_AndSetsTheProcesssCountBack(int? option, int expected)
    {
        var mlContext = new MLContext(seed: 1);
        int before = get_num_threads();
        int during = 0;
        mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [16],
            MaximumNumberOfEpochs = 1,
            NumberOfThreads = option,
            EpochCompleted = _ => during = get_num_threads(),
        }).Fit(SyntheticData.RingsWithKeyLabel(mlContext, 100, seed: 1)).Dispose();

        Assert.AreEqual(expected, during);
        Assert.AreEqual(before, get_num_threads());
    }

    [TestMethod]
    public void FitsAtOnce_KeepTheirShare_UntilTheLastEnds()
    {
        int before = get_num_threads();
        var first = TrainingThreads.Use(1);
        var second = TrainingThreads.Use(1);

        first.Dispose();
        Assert.AreEqual(1, get_num_threads(), "the second fit still runs: its share stays");
        first.Dispose();
        second.Dispose();

        Assert.AreEqual(before, get_num_threads(), "the last fit gives the process its count back, once");
    }
}
