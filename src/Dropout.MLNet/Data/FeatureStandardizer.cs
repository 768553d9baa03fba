namespace Dropout.MLNet.Data;

/// <summary>
/// Per-feature standardization, x' = (x - mean) · scale with scale = 1/std, learned from the training rows. Indicator
/// columns (every training value 0 or 1, as one-hot encoding and missing-value indicators make them) are left as they
/// are: standardized, a category seen in 3 % of rows would read 5.7 whenever present, and a row of rare categories
/// would sit many standard deviations from every training row, where the network extrapolates to confident logits. A
/// feature that is constant to float precision (its standard deviation under a millionth of its largest magnitude, a
/// few float32 ulps) gets scale 1 rather than a scale that would blow its rounding noise up to unit size; a feature at
/// 1e-6 scale that really varies is still standardized. The same statistics are written into the ONNX graph, whose
/// float32 Sub and Mul the training side repeats exactly.
/// </summary>
internal sealed class FeatureStandardizer
{
    internal FeatureStandardizer(float[] means, float[] scales)
    {
        Means = means;
        Scales = scales;
    }

    public float[] Means { get; }

    public float[] Scales { get; }

    public static FeatureStandardizer Fit(TrainingRows rows)
    {
        int d = rows.FeatureCount;
        var sums = new double[d];
        var squares = new double[d];
        var largest = new double[d];
        var indicator = Enumerable.Repeat(true, d).ToArray();
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows.Features.Slice(r * d, d);
            for (int j = 0; j < d; j++)
            {
                sums[j] += row[j];
            }
        }

        var means = new float[d];
        for (int j = 0; j < d; j++)
        {
            means[j] = (float)(sums[j] / rows.Count);
        }

        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows.Features.Slice(r * d, d);
            for (int j = 0; j < d; j++)
            {
                double centered = row[j] - means[j];
                squares[j] += centered * centered;
                largest[j] = Math.Max(largest[j], Math.Abs(row[j]));
                indicator[j] &= row[j] is 0f or 1f;
            }
        }

        var scales = new float[d];
        for (int j = 0; j < d; j++)
        {
            double std = Math.Sqrt(squares[j] / rows.Count);
            scales[j] = std > 1e-6 * largest[j] && std > 1e-30 ? (float)(1.0 / std) : 1f;
            if (indicator[j])
            {
                (means[j], scales[j]) = (0f, 1f);
            }
        }

        return new FeatureStandardizer(means, scales);
    }

    public void ApplyInPlace(TrainingRows rows) => ApplyInPlace(rows.Features, rows.FeatureCount);

    public void ApplyInPlace(Span<float> features, int featureCount)
    {
        for (int start = 0; start < features.Length; start += featureCount)
        {
            var row = features.Slice(start, featureCount);
            for (int j = 0; j < featureCount; j++)
            {
                row[j] = (row[j] - Means[j]) * Scales[j];
            }
        }
    }
}
