using System.Globalization;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

/// <summary>
/// The benchmark harness still runs end to end: its report, on synthetic data of Fashion-MNIST's shape, fills every
/// table (PyTorch is skipped in smoke mode). No timing is asserted.
/// </summary>
[TestClass]
public sealed class BenchmarkSmokeTests
{
    [TestMethod]
    public void Report_SmokeMode_FillsEveryTable()
    {
        var output = SiblingProcess.Run("benchmarks/Dropout.MLNet.Benchmarks", "report", "--smoke", "--threads", 1);

        StringAssert.StartsWith(output[0], "Data: synthetic (smoke), 512 training rows, 512 test rows.");
        foreach (var trainer in new[] { "Dropout.MLNet p=0.2", "Dropout.MLNet p=0.5", "LightGbm", "SdcaMaximumEntropy", "LbfgsMaximumEntropy" })
        {
            var rows = Rows(output, trainer);
            Assert.HasCount(2, rows, $"{trainer}: a training row and a scoring row");
            Assert.IsGreaterThan(0.5, Cell(rows[0], 3), $"{trainer}: the synthetic classes are visible in the pixels");
            Assert.IsGreaterThan(0.0, Cell(rows[1], 2), $"{trainer}: Transform rows per second");
            Assert.IsGreaterThan(0.0, Cell(rows[1], 3), $"{trainer}: PredictionEngine latency");
        }

        var breakdown = output.Where(line => line.StartsWith("| 0.", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(4, breakdown, "two rows against PyTorch, two rows of where an epoch goes");
        Assert.IsGreaterThan(0.0, Cell(breakdown[2].Split('|'), 8), "training GFLOP/s");
    }

    private static string[][] Rows(string[] output, string name) =>
        output.Where(line => line.StartsWith($"| {name} |", StringComparison.Ordinal)).Select(line => line.Split('|')).ToArray();

    private static double Cell(string[] cells, int column) => double.Parse(cells[column].Trim(), CultureInfo.InvariantCulture);
}
