namespace Dropout.MLNet.Scoring;

/// <summary>
/// The rows the parity check scores: up to 256 training rows spread evenly over the whole set, and probe rows unlike any
/// training row (the per-feature minimum, maximum and middle, random corners of the range, and rows a range beyond it),
/// where the logits are largest and a misplaced weight shows most.
/// </summary>
internal static class ParitySample
{
    private const int SpreadRows = 256;
    private const int CornerRows = 4;

    /// <summary>Takes the sample from raw (not yet standardized) row-major features.</summary>
    public static float[] Take(ReadOnlySpan<float> features, int featureCount, int seed)
    {
        int count = features.Length / featureCount;
        int spread = Math.Min(count, SpreadRows);
        var min = features[..featureCount].ToArray();
        var max = features[..featureCount].ToArray();
        for (int r = 1; r < count; r++)
        {
            var row = features.Slice(r * featureCount, featureCount);
            for (int j = 0; j < featureCount; j++)
            {
                min[j] = Math.Min(min[j], row[j]);
                max[j] = Math.Max(max[j], row[j]);
            }
        }

        var sample = new List<float>((spread + CornerRows + 5) * featureCount);
        for (int i = 0; i < spread; i++)
        {
            sample.AddRange(features.Slice((int)((long)i * count / spread) * featureCount, featureCount));
        }

        var random = new Random(seed);
        var probes = new List<float[]>
        {
            min,
            max,
            min.Select((low, j) => (low / 2) + (max[j] / 2)).ToArray(),
            min.Select((low, j) => (float)((2.0 * low) - max[j])).ToArray(),
            max.Select((high, j) => (float)((2.0 * high) - min[j])).ToArray(),
        };
        for (int corner = 0; corner < CornerRows; corner++)
        {
            probes.Add([.. min.Select((low, j) => random.Next(2) == 0 ? low : max[j])]);
        }

        foreach (var probe in probes.Where(p => p.All(float.IsFinite)))
        {
            sample.AddRange(probe);
        }

        return [.. sample];
    }
}
