namespace Dropout.MLNet.Data;

/// <summary>
/// Rows read once from an <see cref="Microsoft.ML.IDataView"/> into contiguous memory: features row-major, one target
/// per row (a 0-based class index, or a value), one weight per row (or none). A set can be a range of another's arrays
/// (<see cref="Slice"/>), so the training and validation parts of one read share its memory.
/// </summary>
internal sealed class TrainingRows
{
    private readonly float[] _features;
    private readonly float[] _labels;
    private readonly float[]? _weights;
    private readonly int _start;

    /// <summary>The first <paramref name="count"/> rows of the arrays (all of them when <paramref name="count"/> is null).</summary>
    public TrainingRows(float[] features, float[] labels, float[]? weights, int featureCount, int? count = null)
        : this(features, labels, weights, featureCount, 0, count ?? labels.Length)
    {
    }

    private TrainingRows(float[] features, float[] labels, float[]? weights, int featureCount, int start, int count)
    {
        _features = features;
        _labels = labels;
        _weights = weights;
        _start = start;
        FeatureCount = featureCount;
        Count = count;
    }

    /// <summary>The features of every row, row-major.</summary>
    public Span<float> Features => _features.AsSpan(_start * FeatureCount, Count * FeatureCount);

    /// <summary>The target of every row: its class index, or its value.</summary>
    public Span<float> Labels => _labels.AsSpan(_start, Count);

    /// <summary>Whether the rows have example weights.</summary>
    public bool HasWeights => _weights is not null;

    /// <summary>The weight of every row (empty without weights).</summary>
    public Span<float> Weights => _weights is null ? [] : _weights.AsSpan(_start, Count);

    public int FeatureCount { get; }

    public int Count { get; }

    /// <summary>These rows with <paramref name="weights"/> (one per row) as their weights, sharing this set's features and labels.</summary>
    public TrainingRows WithWeights(ReadOnlySpan<float> weights)
    {
        var all = _weights?.ToArray() ?? new float[_labels.Length];
        weights.CopyTo(all.AsSpan(_start, Count));
        return new(_features, _labels, all, FeatureCount, _start, Count);
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>, sharing this set's memory.</summary>
    public TrainingRows Slice(int start, int count) => new(_features, _labels, _weights, FeatureCount, _start + start, count);

    /// <summary>Exchanges rows <paramref name="a"/> and <paramref name="b"/> in place.</summary>
    public void Swap(int a, int b)
    {
        var features = Features;
        var first = features.Slice(a * FeatureCount, FeatureCount);
        var second = features.Slice(b * FeatureCount, FeatureCount);
        for (int j = 0; j < FeatureCount; j++)
        {
            (first[j], second[j]) = (second[j], first[j]);
        }

        var labels = Labels;
        (labels[a], labels[b]) = (labels[b], labels[a]);
        if (_weights is not null)
        {
            var weights = Weights;
            (weights[a], weights[b]) = (weights[b], weights[a]);
        }
    }

    /// <summary>Whether any row's target differs from the first row's (two classes at least, or a label that is not constant).</summary>
    public bool LabelsVary()
    {
        var labels = Labels;
        foreach (float label in labels)
        {
            if (label != labels[0])
            {
                return true;
            }
        }

        return false;
    }
}
