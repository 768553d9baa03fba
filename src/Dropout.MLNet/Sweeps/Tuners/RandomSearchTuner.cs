namespace Dropout.MLNet.Sweeps;

/// <summary>Tries the search space's defaults first, then points drawn uniformly (on each option's scale) under a seed.</summary>
public sealed class RandomSearchTuner : ITuner
{
    private readonly Random _random;

    /// <summary>Creates the tuner.</summary>
    /// <param name="seed">The seed of the draws.</param>
    public RandomSearchTuner(int seed = 0) => _random = new Random(seed);

    /// <inheritdoc/>
    public Parameter? Propose(TrialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var space = settings.SearchSpace;
        return settings.TrialId == 0 ? space.Default() : space.FromUnits(Enumerable.Range(0, space.Count).Select(_ => _random.NextDouble()).ToArray());
    }

    /// <inheritdoc/>
    public void Update(TrialResult result)
    {
    }
}
