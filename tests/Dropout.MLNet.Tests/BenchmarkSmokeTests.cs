using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

/// <summary>The benchmark harness still runs end to end (on synthetic data of Fashion-MNIST's shape); no timing is asserted.</summary>
[TestClass]
public sealed class BenchmarkSmokeTests
{
    [TestMethod]
    public void Harness_SmokeMode_TrainsAndReports()
    {
        var output = SiblingProcess.Run("benchmarks/Dropout.MLNet.Benchmarks", "--smoke", "--threads", 1);

        Assert.AreEqual("data synthetic (smoke), dropout 0.2, epochs 1, threads 1", output[0]);
        StringAssert.StartsWith(output[1], "epoch seconds: ");
        var accuracy = double.Parse(output[2]["test accuracy: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThan(0.5, accuracy, "the synthetic classes are visible in the pixels");
        StringAssert.StartsWith(output[3], "peak working set: ");
    }
}
