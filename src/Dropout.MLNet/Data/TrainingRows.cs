namespace Dropout.MLNet.Data;

/// <summary>
/// Rows read once from an <see cref="Microsoft.ML.IDataView"/> into contiguous memory: features row-major,
/// one class index per row (0-based), one weight per row (or none).
/// </summary>
internal sealed class TrainingRows
{
    public TrainingRows(float[] features, long[] labels, float[]? weights, int featureCount)
    {
        Features = features;
        Labels = labels;
        Weights = weights;
        FeatureCount = featureCount;
    }

    public float[] Features { get; }

    public long[] Labels { get; }

    public float[]? Weights { get; }

    public int FeatureCount { get; }

    public int Count => Labels.Length;

    /// <summary>A new set holding the given rows, in the given order.</summary>
    public TrainingRows Select(ReadOnlySpan<int> rows)
    {
        var features = new float[rows.Length * FeatureCount];
        var labels = new long[rows.Length];
        var weights = Weights is null ? null : new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Features.AsSpan(rows[i] * FeatureCount, FeatureCount).CopyTo(features.AsSpan(i * FeatureCount));
            labels[i] = Labels[rows[i]];
            if (weights is not null)
            {
                weights[i] = Weights![rows[i]];
            }
        }

        return new TrainingRows(features, labels, weights, FeatureCount);
    }

    /// <summary>The same rows with other weights.</summary>
    public TrainingRows WithWeights(float[] weights) => new(Features, Labels, weights, FeatureCount);

    /// <summary>The number of distinct labels present.</summary>
    public int DistinctLabelCount() => Labels.Distinct().Count();
}
