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

    /// <summary>
    /// Threw (a diverged loss, a fold the pipeline could not fit) or measured a metric that is not a number (AUC on a
    /// test split of one class); <see cref="TrialResult.Error"/> says why. The sweep goes on with the next trial.
    /// </summary>
    Failed,
}
