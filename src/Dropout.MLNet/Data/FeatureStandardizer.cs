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
/// The robust form (<see cref="FitRobust"/>, RealMLP's) centers on the median, scales by the interquartile range, and
/// bends the result by the smooth clip x / √(1 + (x/3)²), again as float32 operations the ONNX graph repeats exactly.
/// </summary>
internal sealed class FeatureStandardizer
{
    /// <summary>Rows the robust statistics are taken from at most (evenly spaced): quartiles of 65,536 rows are within a fraction of a percent of the whole table's.</summary>
    private const int RobustSampleRows = 1 << 16;

    /// <summary>1/9: the smooth clip is x / √(1 + x²/9), which bends values toward ±3.</summary>
    public const float ClipNinth = 1f / 9f;

    internal FeatureStandardizer(float[] means, float[] scales, bool smoothClip = false)
    {
        Means = means;
        Scales = scales;
        SmoothClip = smoothClip;
    }

    /// <summary>The centers (means, or medians in the robust form).</summary>
    public float[] Means { get; }

    public float[] Scales { get; }

    /// <summary>Whether the scaled features are smoothly clipped.</summary>
    public bool SmoothClip { get; }

    /// <summary>The standardizer <paramref name="scaling"/> asks for, fitted on <paramref name="rows"/>.</summary>
    public static FeatureStandardizer Fit(TrainingRows rows, FeatureScaling scaling) =>
        scaling == FeatureScaling.RobustSmoothClip ? FitRobust(rows) : Fit(rows);

    /// <summary>
    /// Robust scaling with smooth clipping: center the median, scale by 1/(q₇₅ − q₂₅), or by 2/(max − min) where the
    /// quartiles are equal (a feature mostly at one value), or 1 for a constant feature; indicators are neither centered
    /// nor scaled. Statistics from at most <see cref="RobustSampleRows"/> evenly spaced rows.
    /// </summary>
    public static FeatureStandardizer FitRobust(TrainingRows rows)
    {
        int d = rows.FeatureCount;
        int sampled = Math.Min(rows.Count, RobustSampleRows);
        var column = new float[sampled];
        var centers = new float[d];
        var scales = new float[d];
        for (int j = 0; j < d; j++)
        {
            bool indicator = true;
            for (int i = 0; i < sampled; i++)
            {
                float value = rows.Features[(int)((long)i * rows.Count / sampled * d) + j];
                column[i] = value;
                indicator &= value is 0f or 1f;
            }

            Array.Sort(column);
            double median = Quantile(column, 0.5), spread = Quantile(column, 0.75) - Quantile(column, 0.25);
            double range = column[^1] - column[0];
            (centers[j], scales[j]) = indicator ? (0f, 1f)
                : spread > 1e-6 * Math.Max(Math.Abs(column[0]), Math.Abs(column[^1])) ? ((float)median, (float)(1.0 / spread))
                : range > 1e-30 ? ((float)median, (float)(2.0 / range))
                : ((float)median, 1f);
        }

        return new FeatureStandardizer(centers, scales, smoothClip: true);
    }

    /// <summary>The <paramref name="level"/> quantile of sorted values, interpolated linearly (numpy's default).</summary>
    private static double Quantile(float[] sorted, double level)
    {
        double position = level * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>z-scores (see the class).</summary>
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

            if (SmoothClip)
            {
                for (int j = 0; j < featureCount; j++)
                {
                    row[j] = Clip(row[j]);
                }
            }
        }
    }

    /// <summary>x / √(1 + x²/9), in the float32 operations of the ONNX graph, in its order.</summary>
    public static float Clip(float x)
    {
        float squared = x * x;
        float bent = (squared * ClipNinth) + 1f;
        return x / MathF.Sqrt(bent);
    }
}
