using Dropout.MLNet.Network;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// How many threads libtorch gets for a fit when the options leave it open: one per 100 million floating-point
/// operations of a training step (forward and backward, about 6 per weight per row), at least 1 and at most the logical
/// processors. A tabular network's kernels take a few microseconds, and splitting them over threads costs more in
/// OpenMP synchronization than it saves: measured on 2 cores, a [128, 64] network on 9 features (7 MFLOP a batch of 128)
/// stepped in 376 µs on one thread and 941 µs on two, while Fashion-MNIST's [512, 256] (400 MFLOP) trains faster on two.
/// libtorch's thread count is process-wide: <see cref="Use"/> sets it for a fit and gives the process its own count
/// back when the last fit running ends, so fits at once (parallel sweep trials, each given the same share) do not
/// restore it under each other's feet.
/// </summary>
internal static class TrainingThreads
{
    private const double FlopsPerThread = 100e6;
    private static readonly object Gate = new();
    private static int _fits;
    private static int _processThreads;

    /// <summary>Sets libtorch's threads for a fit until the returned lease is disposed.</summary>
    public static Lease Use(int threads)
    {
        lock (Gate)
        {
            if (_fits++ == 0)
            {
                _processThreads = get_num_threads();
            }

            set_num_threads(threads);
        }

        return new Lease();
    }

    /// <summary>One fit's hold on libtorch's thread count.</summary>
    public sealed class Lease : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            lock (Gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                if (--_fits == 0)
                {
                    set_num_threads(_processThreads);
                }
            }
        }
    }

    public static int For(NetworkSpec spec, int batchSize)
    {
        double flops = spec.LinearShapes().Sum(shape => 6.0 * batchSize * shape.Inputs * shape.Outputs);
        return (int)Math.Clamp(Math.Floor(flops / FlopsPerThread), 1, Environment.ProcessorCount);
    }
}
