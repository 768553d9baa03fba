using Dropout.MLNet.Network;

namespace Dropout.MLNet.Training;

/// <summary>
/// How many threads libtorch gets for a fit when the options leave it open: one per 100 million floating-point
/// operations of a training step (forward and backward, about 6 per weight per row), at least 1 and at most the logical
/// processors. A tabular network's kernels take a few microseconds, and splitting them over threads costs more in
/// OpenMP synchronization than it saves: measured on 2 cores, a [128, 64] network on 9 features (7 MFLOP a batch of 128)
/// stepped in 376 µs on one thread and 941 µs on two, while Fashion-MNIST's [512, 256] (400 MFLOP) trains faster on two.
/// </summary>
internal static class TrainingThreads
{
    private const double FlopsPerThread = 100e6;

    public static int For(NetworkSpec spec, int batchSize)
    {
        double flops = spec.LinearShapes().Sum(shape => 6.0 * batchSize * shape.Inputs * shape.Outputs);
        return (int)Math.Clamp(Math.Floor(flops / FlopsPerThread), 1, Environment.ProcessorCount);
    }
}
