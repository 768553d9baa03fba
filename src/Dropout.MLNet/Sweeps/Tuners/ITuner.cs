namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Proposes the hyperparameters of each trial and learns from finished ones, as AutoML's <c>ITuner</c> does. A tuner
/// minimizes <see cref="TrialResult.Loss"/> (the metric turned so that smaller is better).
/// </summary>
public interface ITuner
{
    /// <summary>The next point to try, or <see langword="null"/> when the tuner has nothing left to propose.</summary>
    /// <param name="settings">The trial's number and the search space.</param>
    /// <returns>The point, or <see langword="null"/>.</returns>
    Parameter? Propose(TrialSettings settings);

    /// <summary>Learns from a finished (completed, pruned or stopped) trial.</summary>
    /// <param name="result">The trial.</param>
    void Update(TrialResult result);
}

/// <summary>What a tuner is told when asked for a trial.</summary>
/// <param name="TrialId">The trial's number, from 0.</param>
/// <param name="SearchSpace">The space to propose from.</param>
public sealed record TrialSettings(int TrialId, SearchSpace SearchSpace);
