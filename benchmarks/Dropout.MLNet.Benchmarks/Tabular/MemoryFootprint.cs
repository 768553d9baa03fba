using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// The peak working set of a default fit against the float32 size of its training matrix, on rows streamed from a
/// generator (so the source holds nothing and every byte above the process's baseline is the fit's own).
/// </summary>
internal static class MemoryFootprint
{
    public static string Run(int rows, int features, int epochs)
    {
        var mlContext = new MLContext(seed: 0);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), 5);
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        var data = mlContext.Data.LoadFromEnumerable(Generate(rows, features), schema);

        // Load libtorch and the ONNX runtime first, so the baseline holds them.
        mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { MaximumNumberOfEpochs = 1 })
            .Fit(mlContext.Data.TakeRows(data, 1000)).Dispose();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        long baseline = process.WorkingSet64;

        var clock = Stopwatch.StartNew();
        mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { MaximumNumberOfEpochs = epochs }).Fit(data).Dispose();
        process.Refresh();
        double matrix = (double)rows * features * sizeof(float);
        return string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} rows × {features} features ({matrix / 1048576:F0} MB as float32), {epochs} epochs, {clock.Elapsed.TotalSeconds:F1} s: "
            + $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB, baseline before the fit {baseline / 1048576.0:F0} MB, "
            + $"the fit's own peak {(process.PeakWorkingSet64 - baseline) / matrix:F2}× the matrix\n");
    }

    private static IEnumerable<Row> Generate(int rows, int features)
    {
        var random = new Random(1);
        for (int r = 0; r < rows; r++)
        {
            var values = new float[features];
            for (int f = 0; f < features; f++)
            {
                values[f] = (float)random.NextDouble();
            }

            yield return new Row { Label = (uint)((values[0] + values[1] > 1 ? 1 : 0) + (values[2] > 0.5 ? 2 : 0)), Features = values };
        }
    }

    /// <summary>One row; <c>LoadFromEnumerable</c> stores a key property as value + 1.</summary>
    private sealed class Row
    {
        public uint Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
