namespace Dropout.MLNet.Data;

/// <summary>
/// The features a periodic embedding reads: those with a training value other than 0 and 1. An indicator (a one-hot
/// category, a missing-value flag) has two values, which the first layer already tells apart; embedding it would only
/// cost time, on a one-hot table most of the fit.
/// </summary>
internal static class NumericFeatures
{
    /// <summary>The positions of the features of <paramref name="rows"/> that are not indicators, in order.</summary>
    public static int[] Of(TrainingRows rows)
    {
        int d = rows.FeatureCount;
        var numeric = new bool[d];
        var features = rows.Features;
        for (int start = 0; start < features.Length; start += d)
        {
            var row = features.Slice(start, d);
            for (int j = 0; j < d; j++)
            {
                numeric[j] |= row[j] is not (0f or 1f);
            }
        }

        return [.. Enumerable.Range(0, d).Where(j => numeric[j])];
    }
}
