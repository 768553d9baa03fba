using System.Diagnostics;
using Dropout.MLNet.Network;
using static TorchSharp.torch;

namespace Dropout.MLNet.Benchmarks.Measurements;

/// <summary>
/// The machine's float32 matrix-product speed, the ceiling a training epoch is measured against: the faster of
/// libtorch's <c>matmul</c> and the product the library's training step multiplies with (<see cref="Blas"/>), which
/// on AMD processors with AVX-512 runs twice MKL's rate.
/// </summary>
/// <param name="LibTorchGflops">GFLOP/s of libtorch's <c>matmul</c> on n × n matrices.</param>
/// <param name="LibraryGflops">GFLOP/s of <see cref="Blas.Multiply"/> on the same shape.</param>
internal sealed record MatmulCeiling(double LibTorchGflops, double LibraryGflops)
{
    /// <summary>The faster of the two.</summary>
    public double Gflops => Math.Max(LibTorchGflops, LibraryGflops);

    /// <summary>"N GFLOP/s (libtorch's matmul A, the library's product B)".</summary>
    public string Describe() => FormattableString.Invariant($"{Gflops:F0} GFLOP/s (libtorch's matmul {LibTorchGflops:F0}, Dropout.MLNet's product {LibraryGflops:F0})");

    /// <summary>Both speeds on <paramref name="n"/> × <paramref name="n"/> products (best of a few rounds after a warm-up).</summary>
    public static MatmulCeiling Measure(int n, int threads)
    {
        set_num_threads(threads);
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        double libTorch = Best(n, () => a.matmul(b).Dispose());

        var left = a.data<float>().ToArray();
        var right = b.data<float>().ToArray();
        var product = new float[n * n];
        using var team = new ThreadTeam(threads);
        double library = Best(n, () => Blas.Multiply(false, false, n, n, n, left, n, right, n, product, n, team));
        return new MatmulCeiling(libTorch, library);
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

    private static double Best(int n, Action multiply)
    {
        multiply();
        double best = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            multiply();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return 2.0 * n * n * n / best / 1e9;
    }
}
