namespace Dropout.MLNet.Sweeps;

/// <summary>
/// How much each swept hyperparameter mattered: permutation importance on a random-forest model (the SMAC tuner's
/// surrogate) of the completed trials' losses. For each hyperparameter, its values are shuffled across the trials and
/// the forest's error on the trials grows by some amount; the shares of those growths are the importances.
/// </summary>
internal static class HyperparameterImportance
{
    private const int MinimumTrials = 4;
    private const int Permutations = 10;

    /// <summary>Each hyperparameter's share of the importance (summing to 1), or an empty map with fewer than four completed trials.</summary>
    public static IReadOnlyDictionary<string, double> Compute(SearchSpace space, IReadOnlyList<TrialResult> trials, int seed)
    {
        var completed = trials.Where(t => t.Status == TrialStatus.Completed && double.IsFinite(t.Loss)).ToArray();
        if (completed.Length < MinimumTrials || space.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        var points = completed.Select(t => space.ToUnits(t.Parameter)).ToArray();
        var losses = completed.Select(t => t.Loss).ToArray();
        var forest = ForestSurrogate.Fit(points, losses, trees: 32, seed);
        double baseline = Error(forest, points, losses);
        var random = new Random(seed);
        var growth = space.Names.Select((name, dimension) =>
        {
            double sum = 0;
            for (int p = 0; p < Permutations; p++)
            {
                var column = points.Select(point => point[dimension]).ToArray();
                random.Shuffle(column);
                var permuted = points.Select((point, i) => point.Select((value, d) => d == dimension ? column[i] : value).ToArray()).ToArray();
                sum += Error(forest, permuted, losses) - baseline;
            }

            return (Name: name, Growth: Math.Max(sum / Permutations, 0));
        }).ToArray();
        double total = growth.Sum(g => g.Growth);
        return growth.ToDictionary(g => g.Name, g => total > 0 ? g.Growth / total : 1.0 / growth.Length);
    }

    private static double Error(ForestSurrogate forest, IReadOnlyList<double[]> points, IReadOnlyList<double> losses) =>
        points.Select((point, i) => Math.Pow(forest.Predict(point).Mean - losses[i], 2)).Average();
}
