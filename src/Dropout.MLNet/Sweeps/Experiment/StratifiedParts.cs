using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Splits rows into parts with every value of a column (the label) in each part in its overall proportion: the rows of
/// each value, in a seeded random order, are dealt one after another, value after value, so that each part's share
/// of every class is within one row of exact. A class of 3 rows in a 25 % holdout is not left out of training, and a
/// minority class is in every fold.
/// </summary>
internal static class StratifiedParts
{
    /// <summary>Part 1 (test) for a <paramref name="testFraction"/> share of the rows of each value, part 0 for the rest.</summary>
    public static byte[] Holdout(MLContext mlContext, IDataView data, string column, double testFraction, int seed) =>
        Deal(mlContext, data, column, seed, rank => (byte)(Math.Floor((rank + 1) * testFraction) > Math.Floor(rank * testFraction) ? 1 : 0));

    /// <summary>Parts 0 to <paramref name="folds"/> − 1, each with a 1/k share of the rows of each value.</summary>
    public static byte[] Folds(MLContext mlContext, IDataView data, string column, int folds, int seed) =>
        Deal(mlContext, data, column, seed, rank => (byte)(rank % folds));

    private static byte[] Deal(MLContext mlContext, IDataView data, string column, int seed, Func<long, byte> part)
    {
        // Hashing reads a column of any type ML.NET can hold (text, key, number, bool) as one number per value.
        var hashed = mlContext.Transforms.Conversion.Hash("DropoutMlp.Stratum", column, numberOfBits: 31).Fit(data).Transform(data);
        var strata = hashed.GetColumn<uint>("DropoutMlp.Stratum").ToArray();
        var random = new Random(seed);
        var order = Enumerable.Range(0, strata.Length).ToArray();
        var keys = strata.Select(s => ((long)s << 32) | (uint)random.Next()).ToArray();
        Array.Sort(keys, order);
        var parts = new byte[strata.Length];
        for (int rank = 0; rank < order.Length; rank++)
        {
            parts[order[rank]] = part(rank);
        }

        return parts;
    }
}
