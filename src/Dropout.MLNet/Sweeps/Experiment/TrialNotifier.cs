namespace Dropout.MLNet.Sweeps;

/// <summary>Tells the experiment's progress callback and monitor of each ended trial, and the monitor of each new best.</summary>
internal sealed class TrialNotifier(Action<TrialResult>? progress, ISweepMonitor? monitor)
{
    private TrialResult? _best;

    public void Ended(TrialResult trial)
    {
        progress?.Invoke(trial);
        if (trial.Status == TrialStatus.Failed)
        {
            monitor?.ReportFailTrial(trial);
            return;
        }

        monitor?.ReportCompletedTrial(trial);
        if (trial.Status == TrialStatus.Completed && (_best is null || trial.Loss < _best.Loss))
        {
            _best = trial;
            monitor?.ReportBestTrial(trial);
        }
    }
}
