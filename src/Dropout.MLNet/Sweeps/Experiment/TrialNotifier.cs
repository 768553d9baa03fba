using System.Diagnostics;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Tells the experiment's progress callback and monitor of each ended trial, and the monitor of each new best. They are
/// the user's code: one that throws is contained (said through <c>warn</c>, the sweep goes on with every trial kept),
/// so a bug in a progress bar cannot lose a sweep's finished trials or leave its running trials behind.
/// </summary>
internal sealed class TrialNotifier(Action<TrialResult>? progress, ISweepMonitor? monitor, Action<string>? warn = null)
{
    private readonly Action<string> _warn = warn ?? (message => Trace.TraceWarning(message));
    private TrialResult? _best;

    public void Ended(TrialResult trial)
    {
        Call(trial.TrialId, "progress callback", () => progress?.Invoke(trial));
        if (trial.Status == TrialStatus.Failed)
        {
            Call(trial.TrialId, "monitor's ReportFailTrial", () => monitor?.ReportFailTrial(trial));
            return;
        }

        Call(trial.TrialId, "monitor's ReportCompletedTrial", () => monitor?.ReportCompletedTrial(trial));
        if (trial.Status == TrialStatus.Completed && (_best is null || trial.Loss < _best.Loss))
        {
            _best = trial;
            Call(trial.TrialId, "monitor's ReportBestTrial", () => monitor?.ReportBestTrial(trial));
        }
    }

    /// <summary>Tells the monitor a trial is about to train.</summary>
    public void Running(TrialSettings settings, Parameter point) =>
        Call(settings.TrialId, "monitor's ReportRunningTrial", () => monitor?.ReportRunningTrial(settings, point));

    /// <summary>Tells the monitor of a trial's epoch (from the trial's thread).</summary>
    public void Epoch(TrialSettings settings, EpochRecord epoch, bool continues) =>
        Call(settings.TrialId, "monitor's ReportEpoch", () => monitor?.ReportEpoch(settings, epoch, continues));

    private void Call(int trialId, string what, Action call)
    {
        try
        {
            call();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _warn($"The sweep's {what} threw on trial {trialId} ({e.GetType().Name}: {e.Message}); the sweep goes on and keeps the trial.");
        }
    }
}
