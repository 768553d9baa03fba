namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Receives a sweep's events as they happen, in the shape of AutoML's <c>IMonitor</c> (running, completed, failed and best
/// trial), plus each epoch of a trial with the pruner's decision. Every event comes from the thread that runs the sweep,
/// except <see cref="ReportEpoch"/> under parallel trials, which comes from the trial's own thread.
/// </summary>
public interface ISweepMonitor
{
    /// <summary>A trial is about to train.</summary>
    /// <param name="settings">The trial's number and search space.</param>
    /// <param name="parameter">The hyperparameters it tries.</param>
    void ReportRunningTrial(TrialSettings settings, Parameter parameter);

    /// <summary>A trial finished an epoch (of its first fold, under cross-validation: the fold the pruner judges).</summary>
    /// <param name="settings">The trial's number and search space.</param>
    /// <param name="epoch">What the epoch measured.</param>
    /// <param name="continues">Whether the trial trains on (<see langword="false"/> when the pruner or the budget stops it).</param>
    void ReportEpoch(TrialSettings settings, EpochRecord epoch, bool continues);

    /// <summary>A trial ended completed, pruned or stopped.</summary>
    /// <param name="result">The trial.</param>
    void ReportCompletedTrial(TrialResult result);

    /// <summary>A trial failed; the sweep goes on.</summary>
    /// <param name="result">The trial, with its <see cref="TrialResult.Error"/>.</param>
    void ReportFailTrial(TrialResult result);

    /// <summary>A trial became the best so far.</summary>
    /// <param name="result">The new best trial.</param>
    void ReportBestTrial(TrialResult result);
}
