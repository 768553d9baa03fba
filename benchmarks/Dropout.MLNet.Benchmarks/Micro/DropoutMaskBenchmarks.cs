using BenchmarkDotNet.Attributes;
using Dropout.MLNet.Network;
using static TorchSharp.torch;

namespace Dropout.MLNet.Benchmarks.Micro;

/// <summary>
/// The cost of one inverted-dropout forward on a batch of hidden activations (128 rows), three ways: libtorch's
/// <c>functional.dropout</c> (Bernoulli masks), uniform noise compared with p, and this library's mask source.
/// A matrix product producing the same batch is the yardstick.
/// </summary>
[MemoryDiagnoser]
public class DropoutMaskBenchmarks
{
    private const double Rate = 0.2;
    private readonly DropoutMaskSource _masks = new(0);
    private Tensor _activations = null!;
    private Tensor _inputs = null!;
    private Tensor _weights = null!;

    /// <summary>Width of the hidden layer.</summary>
    [Params(256, 512)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        _activations = randn(128, Width);
        _inputs = randn(128, 784);
        _weights = randn(Width, 784);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _activations.Dispose();
        _inputs.Dispose();
        _weights.Dispose();
    }

    [Benchmark(Baseline = true, Description = "matmul 128x784 @ 784xW (yardstick)")]
    public void Matmul()
    {
        using var output = _inputs.matmul(_weights.t());
    }

    [Benchmark(Description = "functional.dropout (Bernoulli)")]
    public void TorchDropout()
    {
        using var output = nn.functional.dropout(_activations, Rate, training: true);
    }

    [Benchmark(Description = "rand_like(x) >= p, scaled")]
    public void UniformCompare()
    {
        using var scope = NewDisposeScope();
        var mask = rand_like(_activations).ge_(Rate).mul_(1.0 / (1.0 - Rate));
        _activations.mul(mask);
    }

    [Benchmark(Description = "DropoutMaskSource (xoshiro128** lanes)")]
    public void MaskSource()
    {
        using var scope = NewDisposeScope();
        var mask = empty(_activations.shape);
        _masks.FillInverted(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(mask.bytes), Rate);
        _activations.mul(mask);
    }
}
