using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// A tabular classification set split into training and test rows, kept as flat arrays, written as raw files for the
/// PyTorch peer, and served to ML.NET as a view with a key-typed label: either synthetic (<see cref="Create"/>) or a
/// public CSV featurized as the sample app does (<see cref="FromCsv"/>).
/// </summary>
internal sealed class BenchmarkTable
{
    private BenchmarkTable(string name, int features, int classes, float[] trainFeatures, long[] trainLabels, float[] testFeatures, long[] testLabels)
    {
        Name = name;
        Features = features;
        Classes = classes;
        TrainFeatures = trainFeatures;
        TrainLabels = trainLabels;
        TestFeatures = testFeatures;
        TestLabels = testLabels;
    }

    public string Name { get; }

    public int Features { get; }

    public int Classes { get; }

    public float[] TrainFeatures { get; }

    public long[] TrainLabels { get; }

    public float[] TestFeatures { get; }

    public long[] TestLabels { get; }

    public int TrainRows => TrainLabels.Length;

    /// <summary>
    /// A seeded synthetic set of a given shape: standard normal features, the label the argmax of a random two-layer
    /// teacher network plus noise (learnable, not linearly separable).
    /// </summary>
    public static BenchmarkTable Create(int trainRows, int features, int classes, int seed)
    {
        var random = new Random(seed);
        const int Hidden = 32;
        var first = Gaussian(random, features * Hidden, 1 / Math.Sqrt(features));
        var second = Gaussian(random, Hidden * classes, 1 / Math.Sqrt(Hidden));
        int testRows = Math.Max(2000, trainRows / 5);
        var (trainFeatures, trainLabels) = Rows(random, trainRows, features, classes, first, second);
        var (testFeatures, testLabels) = Rows(random, testRows, features, classes, first, second);
        return new BenchmarkTable($"synthetic {trainRows / 1000}k × {features}, {classes} classes", features, classes, trainFeatures, trainLabels, testFeatures, testLabels);
    }

    /// <summary>A CSV through the sample app's featurization (label to key, mean imputation, one-hot), split 80/20 with a seed.</summary>
    public static BenchmarkTable FromCsv(MLContext mlContext, string path, string label)
    {
        var columns = TabularClassification.DataColumns.Infer(path, label);
        var data = columns.Load(mlContext, path);
        var featurized = TabularClassification.PenguinsModel.BuildFeaturization(mlContext, columns).Fit(data).Transform(data);
        var split = mlContext.Data.TrainTestSplit(mlContext.Data.FilterRowsByMissingValues(featurized, "Label"), testFraction: 0.2, seed: 0);
        var (trainFeatures, trainLabels) = Read(split.TrainSet);
        var (testFeatures, testLabels) = Read(split.TestSet);
        int features = trainFeatures.Length / trainLabels.Length;
        return new BenchmarkTable($"{Path.GetFileNameWithoutExtension(path)} ({trainLabels.Length / 1000}k × {features}, {columns.LabelValues!.Count} classes)",
            features, columns.LabelValues.Count, trainFeatures, trainLabels, testFeatures, testLabels);
    }

    /// <summary>Writes "{prefix}.train.features" (float32), "{prefix}.train.labels" (int64) and the test pair.</summary>
    public void WriteRaw(string prefix)
    {
        File.WriteAllBytes($"{prefix}.train.features", System.Runtime.InteropServices.MemoryMarshal.AsBytes(TrainFeatures.AsSpan()).ToArray());
        File.WriteAllBytes($"{prefix}.train.labels", System.Runtime.InteropServices.MemoryMarshal.AsBytes(TrainLabels.AsSpan()).ToArray());
        File.WriteAllBytes($"{prefix}.test.features", System.Runtime.InteropServices.MemoryMarshal.AsBytes(TestFeatures.AsSpan()).ToArray());
        File.WriteAllBytes($"{prefix}.test.labels", System.Runtime.InteropServices.MemoryMarshal.AsBytes(TestLabels.AsSpan()).ToArray());
    }

    /// <summary>The training or test rows as a view of "Label" (key) and "Features".</summary>
    public IDataView View(MLContext mlContext, bool test)
    {
        var features = test ? TestFeatures : TrainFeatures;
        var labels = test ? TestLabels : TrainLabels;
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), Classes);
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Features);
        var rows = Enumerable.Range(0, labels.Length)
            .Select(i => new Row { Label = (uint)labels[i], Features = features.AsSpan(i * Features, Features).ToArray() });
        return mlContext.Data.Cache(mlContext.Data.LoadFromEnumerable(rows, schema));
    }

    private static (float[] Features, long[] Labels) Read(IDataView featurized)
    {
        var labels = featurized.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        var features = featurized.GetColumn<float[]>("Features").SelectMany(f => f).ToArray();
        return (features, labels);
    }

    private static (float[] Features, long[] Labels) Rows(Random random, int rows, int features, int classes, float[] first, float[] second)
    {
        const int Hidden = 32;
        var x = Gaussian(random, rows * features, 1);
        var labels = new long[rows];
        var hidden = new float[Hidden];
        var logits = new float[classes];
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * features, features);
            for (int h = 0; h < Hidden; h++)
            {
                float sum = 0;
                for (int f = 0; f < features; f++)
                {
                    sum += row[f] * first[(f * Hidden) + h];
                }

                hidden[h] = Math.Max(0, sum);
            }

            for (int c = 0; c < classes; c++)
            {
                float sum = (float)(random.NextDouble() * 0.3);
                for (int h = 0; h < Hidden; h++)
                {
                    sum += hidden[h] * second[(h * classes) + c];
                }

                logits[c] = sum;
            }

            labels[r] = Array.IndexOf(logits, logits.Max());
        }

        return (x, labels);
    }

    private static float[] Gaussian(Random random, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

    /// <summary>One row; <c>LoadFromEnumerable</c> stores a key property as value + 1.</summary>
    private sealed class Row
    {
        public uint Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
