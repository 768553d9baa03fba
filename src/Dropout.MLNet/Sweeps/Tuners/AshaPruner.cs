namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Stops poor trials early from their per-epoch validation loss, in the manner of asynchronous successive halving
/// (ASHA, Li et al., 2020), which AutoML does not have. Rungs sit at epochs g, g·η, g·η², ... (g the grace period,
/// η the reduction factor). When a trial reaches a rung, its best validation loss so far is recorded there, and it
/// goes on only if it ranks among the best ⌈n/η⌉ of the n trials recorded at that rung: the first trial always goes
/// on, and later ones must keep up with the best third (η = 3) of those before them.
/// </summary>
public sealed class AshaPruner
{
    private readonly Dictionary<int, List<double>> _rungs = [];

    /// <summary>Creates the pruner.</summary>
    /// <param name="gracePeriod">Epochs every trial runs before it can be stopped; at least 1.</param>
    /// <param name="reductionFactor">η: the share 1/η of trials that pass each rung; at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is too small.</exception>
    public AshaPruner(int gracePeriod = 2, int reductionFactor = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        GracePeriod = gracePeriod;
        ReductionFactor = reductionFactor;
    }

    /// <summary>Epochs every trial runs before it can be stopped.</summary>
    public int GracePeriod { get; }

    /// <summary>η: the share 1/η of trials that pass each rung.</summary>
    public int ReductionFactor { get; }

    /// <summary>Forgets every rung (a new experiment).</summary>
    internal void Reset() => _rungs.Clear();

    /// <summary>Whether a trial that has just finished <paramref name="epoch"/> with best loss <paramref name="bestLoss"/> should stop.</summary>
    internal bool ShouldStop(int epoch, double bestLoss)
    {
        if (!IsRung(epoch) || !double.IsFinite(bestLoss))
        {
            return false;
        }

        if (!_rungs.TryGetValue(epoch, out var losses))
        {
            _rungs[epoch] = losses = [];
        }

        losses.Add(bestLoss);
        int better = losses.Count(l => l < bestLoss);
        int promoted = (losses.Count + ReductionFactor - 1) / ReductionFactor;
        return better >= promoted;
    }

    private bool IsRung(int epoch)
    {
        for (long rung = GracePeriod; rung <= epoch; rung *= ReductionFactor)
        {
            if (rung == epoch)
            {
                return true;
            }
        }

        return false;
    }
}
