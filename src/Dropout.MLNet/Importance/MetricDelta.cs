namespace Dropout.MLNet.Importance;

/// <summary>
/// How much a metric changed when a feature was permuted, over the permutations: the metric on permuted data minus the
/// metric on the data as it is (as ML.NET's permutation feature importance reports it), so an important feature has a
/// negative accuracy delta and a positive log-loss delta.
/// </summary>
/// <param name="Mean">The mean change.</param>
/// <param name="StandardDeviation">The standard deviation of the change over the permutations (0 for one permutation).</param>
/// <param name="StandardError">The standard error of <paramref name="Mean"/>.</param>
/// <param name="Count">The number of permutations.</param>
public sealed record MetricDelta(double Mean, double StandardDeviation, double StandardError, int Count)
{
    internal static MetricDelta Of(IReadOnlyList<double> changes)
    {
        double mean = changes.Average();
        double deviation = changes.Count > 1 ? Math.Sqrt(changes.Sum(c => (c - mean) * (c - mean)) / (changes.Count - 1)) : 0;
        return new MetricDelta(mean, deviation, deviation / Math.Sqrt(changes.Count), changes.Count);
    }
}
