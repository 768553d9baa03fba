using Dropout.MLNet.Network;

namespace Dropout.MLNet.Training;

/// <summary>
/// Tracks the best validation loss (or accuracy), keeps a copy of that epoch's weights, and says when the patience has
/// run out. Without validation data every epoch counts as the best and nothing stops early.
/// </summary>
internal sealed class EarlyStopping
{
    private readonly int? _patience;
    private readonly float _minimumImprovement;
    private readonly EarlyStoppingMetric _metric;
    private float _bestLoss = float.PositiveInfinity;
    private int _epochsWithoutImprovement;

    public EarlyStopping(int? patience, float minimumImprovement, EarlyStoppingMetric metric = EarlyStoppingMetric.ValidationLoss)
    {
        _patience = patience;
        _minimumImprovement = minimumImprovement;
        _metric = metric;
    }

    public int BestEpoch { get; private set; }

    /// <summary>The values of the best epoch's parameters (<see cref="NetworkWeights.Snapshot"/>).</summary>
    public float[][]? BestParameters { get; private set; }

    /// <summary>Records an epoch; returns whether it is the best so far.</summary>
    public bool Update(int epoch, float? validationLoss, float? validationAccuracy, MlpNetwork network)
    {
        // Accuracy is watched as its negation, so that lower is better for both.
        if ((_metric == EarlyStoppingMetric.ValidationAccuracy ? -validationAccuracy : validationLoss) is not { } loss)
        {
            BestEpoch = epoch;
            return true;
        }

        if (loss < _bestLoss - _minimumImprovement || BestParameters is null)
        {
            _bestLoss = Math.Min(loss, _bestLoss);
            _epochsWithoutImprovement = 0;
            BestEpoch = epoch;
            BestParameters = NetworkWeights.Snapshot(network);
            return true;
        }

        _epochsWithoutImprovement++;
        return false;
    }

    public bool ShouldStop => _patience is { } patience && _epochsWithoutImprovement >= patience;
}
