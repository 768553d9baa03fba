using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Small seeded data sets that a linear model cannot separate.</summary>
internal static class SyntheticData
{
    public const int FeatureCount = 4;

    /// <summary>
    /// Three classes by radius ring of the first two features (inner disc, middle ring, outer ring) plus two noise
    /// features; the label is a string, as a user's CSV would have it.
    /// </summary>
    public static IEnumerable<RingRow> Rings(int count, int seed)
    {
        var random = new Random(seed);
        string[] names = ["inner", "middle", "outer"];
        for (int i = 0; i < count; i++)
        {
            int ring = i % 3;
            double radius = ring + 0.2 + (random.NextDouble() * 0.6);
            double angle = random.NextDouble() * 2 * Math.PI;
            yield return new RingRow
            {
                Class = names[ring],
                Features =
                [
                    (float)(radius * Math.Cos(angle)),
                    (float)(radius * Math.Sin(angle)),
                    (float)random.NextDouble(),
                    (float)random.NextDouble(),
                ],
            };
        }
    }

    /// <summary>XOR of the signs of the first two features, plus two noise features.</summary>
    public static IEnumerable<XorRow> Xor(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            float x = (float)((random.NextDouble() * 2) - 1);
            float y = (float)((random.NextDouble() * 2) - 1);
            yield return new XorRow
            {
                Label = (x > 0) ^ (y > 0),
                Features = [x, y, (float)random.NextDouble(), (float)random.NextDouble()],
            };
        }
    }

    /// <summary>The rings as a data view whose label column "Label" is already a key.</summary>
    public static IDataView RingsWithKeyLabel(MLContext mlContext, int count, int seed)
    {
        var data = mlContext.Data.LoadFromEnumerable(Rings(count, seed));
        return mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(RingRow.Class)).Fit(data).Transform(data);
    }

    public sealed class RingRow
    {
        public string Class { get; set; } = string.Empty;

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    public sealed class XorRow
    {
        public bool Label { get; set; }

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }
}
