using System.Diagnostics;
using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Training;
using Microsoft.ML;
using static TorchSharp.torch;

namespace Dropout.MLNet.Benchmarks.Measurements;

/// <summary>
/// Times, with the trainer's own classes, the work of a fit that is not a TorchSharp compute kernel: reading the
/// IDataView into arrays and standardizing them (once per fit), building the shuffled batches and drawing the
/// dropout masks (every epoch).
/// </summary>
internal static class OutsideKernels
{
    public sealed record Figures(double ReadSeconds, double BatchSecondsPerEpoch, double MaskSecondsPerEpoch)
    {
        /// <summary>Seconds per epoch spent moving data (the one-off read spread over <paramref name="epochs"/> epochs, plus the batches).</summary>
        public double DataPerEpoch(int epochs) => (ReadSeconds / epochs) + BatchSecondsPerEpoch;

        /// <summary>Seconds per epoch outside libtorch's kernels: the data, plus the masks drawn in managed code.</summary>
        public double PerEpoch(int epochs) => DataPerEpoch(epochs) + MaskSecondsPerEpoch;

        public static Figures Best(IEnumerable<Figures> runs)
        {
            var all = runs.ToArray();
            return new Figures(all.Min(f => f.ReadSeconds), all.Min(f => f.BatchSecondsPerEpoch), all.Min(f => f.MaskSecondsPerEpoch));
        }
    }

    /// <summary>
    /// Measures each part four times and keeps the best of the last three: the first run pays just-in-time compilation
    /// (once per process), and the best of three is the steady cost on a machine whose two cores also serve the OS.
    /// </summary>
    public static Figures Measure(MLContext mlContext, IDataView train, IReadOnlyList<int> hiddenLayerSizes, int batchSize, float dropoutRate)
    {
        MeasureOnce(mlContext, train, hiddenLayerSizes, batchSize, dropoutRate);
        return Figures.Best(Enumerable.Range(0, 3).Select(_ => MeasureOnce(mlContext, train, hiddenLayerSizes, batchSize, dropoutRate)).ToArray());
    }

    private static Figures MeasureOnce(MLContext mlContext, IDataView train, IReadOnlyList<int> hiddenLayerSizes, int batchSize, float dropoutRate)
    {
        var featurized = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.Transforms.CopyColumns("Features", "Pixels"))
            .Fit(train).Transform(train);
        var roles = new ColumnRoles("Features", "Label", null);

        var clock = Stopwatch.StartNew();
        var rows = DataViewReader.Read(featurized, roles, DropoutMlpTask.Multiclass.Label.CreateGetter, "training data");
        FeatureStandardizer.Fit(rows).ApplyInPlace(rows);
        var source = new BatchSource(rows, DropoutMlpTask.Multiclass.Objective);
        double read = clock.Elapsed.TotalSeconds;

        using var generator = new Generator(0);
        clock.Restart();
        long[] order;
        using (var permutation = randperm(source.Count, generator: generator))
        {
            order = permutation.data<long>().ToArray();
        }

        for (int start = 0; start < source.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            source.Gather(order.AsSpan(start, (int)Math.Min(batchSize, source.Count - start)));
        }

        double batches = clock.Elapsed.TotalSeconds;

        var masks = new DropoutMaskSource(0);
        var buffers = hiddenLayerSizes.Select(width => new float[batchSize * width]).ToArray();
        long batchCount = (source.Count + batchSize - 1) / batchSize;
        clock.Restart();
        for (long batch = 0; dropoutRate > 0 && batch < batchCount; batch++)
        {
            foreach (var buffer in buffers)
            {
                masks.FillInverted(buffer, dropoutRate);
            }
        }

        return new Figures(read, batches, clock.Elapsed.TotalSeconds);
    }
}
