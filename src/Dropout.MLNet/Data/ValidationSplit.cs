using System.Runtime.InteropServices;

namespace Dropout.MLNet.Data;

/// <summary>
/// A seeded random hold-out of a share of the training rows, in which identical rows stay together: a data set with
/// duplicated rows would otherwise validate on copies of training rows, reward memorizing them, and stop late with
/// overconfident probabilities.
/// </summary>
internal static class ValidationSplit
{
    /// <summary>
    /// Splits the rows; returns no validation part when the fraction is 0 or would leave either side empty.
    /// </summary>
    public static (TrainingRows Train, TrainingRows? Validation) Split(TrainingRows rows, float fraction, int seed)
    {
        int target = (int)Math.Floor(rows.Count * (double)fraction);
        if (target == 0 || target >= rows.Count)
        {
            return (rows, null);
        }

        var groups = GroupsOfIdenticalRows(rows);
        new Random(seed).Shuffle(groups);
        var validation = new List<int>(target);
        var train = new List<int>(rows.Count - target);
        foreach (var group in groups)
        {
            (validation.Count < target ? validation : train).AddRange(group);
        }

        return train.Count == 0
            ? (rows, null)
            : (rows.Select(CollectionsMarshal.AsSpan(train)), rows.Select(CollectionsMarshal.AsSpan(validation)));
    }

    /// <summary>The row indices grouped by their feature values, groups in order of first appearance.</summary>
    private static List<int>[] GroupsOfIdenticalRows(TrainingRows rows)
    {
        var groups = new Dictionary<RowKey, List<int>>(rows.Count);
        var order = new List<List<int>>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var key = new RowKey(rows.Features, r * rows.FeatureCount, rows.FeatureCount);
            if (!groups.TryGetValue(key, out var group))
            {
                group = [];
                groups.Add(key, group);
                order.Add(group);
            }

            group.Add(r);
        }

        return [.. order];
    }

    /// <summary>A row's feature values, compared bit for bit.</summary>
    private readonly struct RowKey(float[] features, int start, int length) : IEquatable<RowKey>
    {
        private ReadOnlySpan<float> Values => features.AsSpan(start, length);

        public bool Equals(RowKey other) => MemoryMarshal.AsBytes(Values).SequenceEqual(MemoryMarshal.AsBytes(other.Values));

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(Values));
            return hash.ToHashCode();
        }
    }
}
