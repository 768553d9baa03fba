using System.Diagnostics;
using static TorchSharp.torch;

namespace Dropout.MLNet.Benchmarks.Measurements;

/// <summary>The machine's float32 matrix-product speed through libtorch: the ceiling a training epoch is measured against.</summary>
internal static class MatmulCeiling
{
    /// <summary>GFLOP/s of repeated n×n products (best of a few rounds after a warm-up).</summary>
    public static double SquareGflops(int n, int threads)
    {
        set_num_threads(threads);
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        a.matmul(b).Dispose();
        double best = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return 2.0 * n * n * n / best / 1e9;
    }

    /// <summary>
    /// Floating-point operations of one training epoch of a dense MLP: forward 2·rows·Σ(in·out), weight gradients
    /// the same again, input gradients for every layer but the first.
    /// </summary>
    public static double TrainingFlopsPerEpoch(long rows, IReadOnlyList<int> layerSizes)
    {
        double forward = 0;
        double inputGradients = 0;
        for (int i = 0; i + 1 < layerSizes.Count; i++)
        {
            double products = 2.0 * rows * layerSizes[i] * layerSizes[i + 1];
            forward += products;
            inputGradients += i == 0 ? 0 : products;
        }

        return (2 * forward) + inputGradients;
    }
}
