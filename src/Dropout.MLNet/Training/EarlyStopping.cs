using Dropout.MLNet.Network;

namespace Dropout.MLNet.Training;

/// <summary>
/// Tracks the best validation loss, keeps a copy of that epoch's weights, and says when the patience has run
/// out. Without validation data every epoch counts as the best and nothing stops early.
/// </summary>
internal sealed class EarlyStopping
{
    private readonly int? _patience;
    private readonly float _minimumImprovement;
    private float _bestLoss = float.PositiveInfinity;
    private int _epochsWithoutImprovement;

    public EarlyStopping(int? patience, float minimumImprovement)
    {
        _patience = patience;
        _minimumImprovement = minimumImprovement;
    }

    public int BestEpoch { get; private set; }

    public LayerWeights[]? BestWeights { get; private set; }

    /// <summary>Records an epoch; returns whether it is the best so far.</summary>
    public bool Update(int epoch, float? validationLoss, MlpNetwork network)
    {
        if (validationLoss is not { } loss)
        {
            BestEpoch = epoch;
            return true;
        }

        if (loss < _bestLoss - _minimumImprovement || BestWeights is null)
        {
            _bestLoss = Math.Min(loss, _bestLoss);
            _epochsWithoutImprovement = 0;
            BestEpoch = epoch;
            BestWeights = NetworkWeights.Capture(network);
            return true;
        }

        _epochsWithoutImprovement++;
        return false;
    }

    public bool ShouldStop => _patience is { } patience && _epochsWithoutImprovement >= patience;
}
