using Dropout.MLNet.Network;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Network;

/// <summary>The portable path (MKL's product instead of the AVX-512 one) trains end to end, and the same on one and two threads.</summary>
[TestClass]
[DoNotParallelize]
public sealed class PortableKernelsTests
{
    [TestMethod]
    public void ThePortablePath_TrainsEndToEnd_ToTheSameWeightsOnOneAndTwoThreads()
    {
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.RingsWithKeyLabel(mlContext, 2000, seed: 1);
        float[] Weights(int threads)
        {
            using var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [256, 128], BatchSize = 512, MaximumNumberOfEpochs = 3, EarlyStoppingPatience = null, NumberOfThreads = threads,
            }).Fit(data);
            return [.. model.Model.Layers.SelectMany(l => l.Weight.Concat(l.Bias))];
        }

        float[] portableOne, portableTwo;
        using (PortableKernels.Override(forced: true))
        {
            Assert.IsFalse(Avx512Gemm.IsSupported, "the switch turns the AVX-512 product off");
            portableOne = Weights(1);
            portableTwo = Weights(2);
            Assert.IsTrue(MklGemm.IsAvailable, "the portable path multiplied with MKL's product, not autograd");
        }

        CollectionAssert.AreEqual(portableOne, portableTwo, "one and two threads give the same weights");
        var fast = Weights(2);
        Assert.AreEqual(fast.Length, portableOne.Length);
        Assert.IsLessThan(1e-3, fast.Zip(portableOne).Max(p => Math.Abs(p.First - p.Second)), "the two paths differ by rounding only");
    }

    [TestMethod]
    [DataRow(null, null, false)]
    [DataRow(null, "1", true)]
    [DataRow(null, "TRUE", true)]
    [DataRow(null, "0", false)]
    [DataRow(true, null, true)]
    [DataRow(false, "1", false)]
    public void TheSwitch_IsTheAppContextSwitch_ElseTheEnvironmentVariable(bool? appContextSwitch, string? variable, bool forced) =>
        Assert.AreEqual(forced, PortableKernels.Read(appContextSwitch, variable));
}
