namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Seeded regression data sets: a label a linear model cannot fit, in a unit far from 1.</summary>
internal static class RegressionData
{
    public const int FeatureCount = 4;

    /// <summary>
    /// y = 1000 + 50·(sin 2x₀ + 0.5·x₁² + 0.3·x₂) + noise of standard deviation 2.5, x uniform in [−2, 2]⁴ (x₃ is noise):
    /// the label's mean and scale are far from the network's, so it must be standardized to train well.
    /// </summary>
    public static IEnumerable<Row> Smooth(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var x = Enumerable.Range(0, FeatureCount).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
            double signal = Math.Sin(2 * x[0]) + (0.5 * x[1] * x[1]) + (0.3 * x[2]);
            yield return new Row { Features = x, Label = (float)(1000 + (50 * signal) + (2.5 * Gaussian(random))) };
        }
    }

    /// <summary>
    /// One feature x uniform in [<paramref name="low"/>, <paramref name="high"/>]; y = 2·sin 2x + noise whose standard
    /// deviation grows with |x| (0.1 + 0.3·|x|): heteroscedastic.
    /// </summary>
    public static IEnumerable<OneFeatureRow> Heteroscedastic(int count, int seed, double low = -1.5, double high = 1.5)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double x = low + (random.NextDouble() * (high - low));
            double noise = (0.1 + (0.3 * Math.Abs(x))) * Gaussian(random);
            yield return new OneFeatureRow { Features = [(float)x], Label = (float)((2 * Math.Sin(2 * x)) + noise) };
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public sealed class Row
    {
        [Microsoft.ML.Data.VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    public sealed class OneFeatureRow
    {
        [Microsoft.ML.Data.VectorType(1)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
