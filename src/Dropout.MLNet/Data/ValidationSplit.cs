using System.Runtime.InteropServices;

namespace Dropout.MLNet.Data;

/// <summary>
/// A seeded random hold-out of a share of the training rows, in which identical rows stay together: a data set with
/// duplicated rows would otherwise validate on copies of training rows, reward memorizing them, and stop late with
/// overconfident probabilities. The split moves the held-out rows to the end of the rows' own memory, so the two parts
/// are ranges of one read and no row is copied.
/// </summary>
internal static class ValidationSplit
{
    /// <summary>
    /// Splits the rows (reordering them in place); returns no validation part when the fraction is 0 or would leave
    /// either side empty.
    /// </summary>
    public static (TrainingRows Train, TrainingRows? Validation) Split(TrainingRows rows, float fraction, int seed)
    {
        int target = (int)Math.Floor(rows.Count * (double)fraction);
        if (target == 0 || target >= rows.Count)
        {
            return (rows, null);
        }

        var (groupOfRow, groupSizes) = GroupsOfIdenticalRows(rows);
        var order = Enumerable.Range(0, groupSizes.Length).ToArray();
        new Random(seed).Shuffle(order);
        var heldOut = new bool[groupSizes.Length];
        int validationCount = 0;
        foreach (int group in order)
        {
            if (validationCount >= target)
            {
                break;
            }

            heldOut[group] = true;
            validationCount += groupSizes[group];
        }

        if (validationCount == rows.Count)
        {
            return (rows, null);
        }

        MoveToEnd(rows, groupOfRow, heldOut);
        int trainCount = rows.Count - validationCount;
        return (rows.Slice(0, trainCount), rows.Slice(trainCount, validationCount));
    }

    /// <summary>Swaps the held-out rows behind the others (two pointers from both ends, deterministic).</summary>
    private static void MoveToEnd(TrainingRows rows, int[] groupOfRow, bool[] heldOut)
    {
        int front = 0;
        int back = rows.Count - 1;
        while (true)
        {
            while (front < back && !heldOut[groupOfRow[front]])
            {
                front++;
            }

            while (front < back && heldOut[groupOfRow[back]])
            {
                back--;
            }

            if (front >= back)
            {
                return;
            }

            rows.Swap(front, back);
            (groupOfRow[front], groupOfRow[back]) = (groupOfRow[back], groupOfRow[front]);
        }
    }

    /// <summary>Each row's group of identical rows (groups numbered in order of first appearance) and each group's size.</summary>
    private static (int[] GroupOfRow, int[] GroupSizes) GroupsOfIdenticalRows(TrainingRows rows)
    {
        // Sized up front: a dictionary that doubles as it fills leaves its earlier tables behind as garbage, at the moment
        // the features are in memory and the fit's memory peaks.
        var groups = new Dictionary<RowKey, int>(rows.Count);
        var groupOfRow = new int[rows.Count];
        var sizes = new List<int>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var key = new RowKey(rows, r);
            if (!groups.TryGetValue(key, out int group))
            {
                group = sizes.Count;
                groups.Add(key, group);
                sizes.Add(0);
            }

            groupOfRow[r] = group;
            sizes[group]++;
        }

        return (groupOfRow, [.. sizes]);
    }

    /// <summary>A row's feature values, compared bit for bit.</summary>
    private readonly struct RowKey(TrainingRows rows, int row) : IEquatable<RowKey>
    {
        private ReadOnlySpan<float> Values => rows.Features.Slice(row * rows.FeatureCount, rows.FeatureCount);

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
