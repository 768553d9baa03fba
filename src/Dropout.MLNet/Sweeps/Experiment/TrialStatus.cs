namespace Dropout.MLNet.Sweeps;

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>Trained to the end (or to early stopping) and evaluated.</summary>
    Completed,

    /// <summary>Stopped by the pruner because its validation loss fell behind other trials'.</summary>
    Pruned,

    /// <summary>Stopped by the time budget or by cancellation.</summary>
    Stopped,
}
