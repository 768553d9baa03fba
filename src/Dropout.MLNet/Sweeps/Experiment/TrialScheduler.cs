namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Asks the tuner for trials and runs them, one at a time (replaying a checkpoint's trials first) or several at once,
/// telling the tuner, the progress callback and the monitor of each trial as it ends.
/// </summary>
internal sealed class TrialScheduler
{
    private readonly SweepPlan _plan;
    private readonly TrialRunner _runner;
    private readonly ITuner _tuner;
    private readonly int? _maxTrials;
    private readonly Action<TrialResult>? _progress;
    private readonly ISweepMonitor? _monitor;
    private readonly List<TrialResult> _trials = [];
    private TrialResult? _best;
    private int _nextId;

    public TrialScheduler(SweepPlan plan, TrialRunner runner, ITuner tuner, int? maxTrials, Action<TrialResult>? progress, ISweepMonitor? monitor)
    {
        _plan = plan;
        _runner = runner;
        _tuner = tuner;
        _maxTrials = maxTrials;
        _progress = progress;
        _monitor = monitor;
    }

    /// <summary>One trial at a time; the checkpoint's trials are replayed (not run) and each new one is appended to it.</summary>
    /// <exception cref="InvalidOperationException">The checkpoint was written by a sweep that proposed other trials.</exception>
    public List<TrialResult> RunInTurn(SweepCheckpoint? checkpoint)
    {
        var replayed = checkpoint?.Load() ?? [];
        while (Propose() is var (settings, point))
        {
            if (settings.TrialId < replayed.Count)
            {
                var (trial, judgedLosses) = replayed[settings.TrialId];
                if (!point.SameAs(trial.Parameter))
                {
                    throw new InvalidOperationException(
                        $"The checkpoint's trial {settings.TrialId} tried {trial.Parameter}, but this sweep proposes {point}: the checkpoint was written by "
                        + "a sweep with another pipeline, search space, tuner or seed. Use another checkpoint folder, or the settings that wrote it.");
                }

                _runner.Replay(judgedLosses);
                Finished(trial);
            }
            else
            {
                _monitor?.ReportRunningTrial(settings, point);
                var (trial, judgedLosses) = Run(settings, point, threads: null);
                checkpoint?.Append(trial, judgedLosses);
                Finished(trial);
            }
        }

        return _trials;
    }

    /// <summary>Keeps <paramref name="parallel"/> trials running, each fit on its share of the cores; returns them in trial order.</summary>
    public List<TrialResult> RunParallel(int parallel)
    {
        int threads = Math.Max(1, Environment.ProcessorCount / parallel);
        var running = new List<Task<(TrialResult Trial, IReadOnlyList<double> JudgedLosses)>>();
        bool proposing = true;
        while (true)
        {
            while (proposing && running.Count < parallel)
            {
                if (Propose() is not var (settings, point))
                {
                    proposing = false;
                    break;
                }

                _monitor?.ReportRunningTrial(settings, point);
                running.Add(Task.Run(() => Run(settings, point, threads)));
            }

            if (running.Count == 0)
            {
                return [.. _trials.OrderBy(t => t.TrialId)];
            }

            var done = running[Task.WaitAny([.. running])];
            running.Remove(done);
            Finished(done.Result.Trial);
        }
    }

    /// <summary>The next trial, or <see langword="null"/> when the budget or the tuner is spent.</summary>
    private (TrialSettings Settings, Parameter Point)? Propose()
    {
        if ((_maxTrials is { } max && _nextId >= max) || _runner.OutOfBudget)
        {
            return null;
        }

        var settings = new TrialSettings(_nextId, _plan.SearchSpace);
        if (_tuner.Propose(settings) is not { } point)
        {
            return null;
        }

        _nextId++;
        return (settings, point);
    }

    private (TrialResult Trial, IReadOnlyList<double> JudgedLosses) Run(TrialSettings settings, Parameter point, int? threads) =>
        _runner.Run(settings.TrialId, point, _monitor is null ? null : (epoch, continues) => _monitor.ReportEpoch(settings, epoch, continues), threads);

    private void Finished(TrialResult trial)
    {
        _trials.Add(trial);
        _tuner.Update(trial);
        _progress?.Invoke(trial);
        if (trial.Status == TrialStatus.Failed)
        {
            _monitor?.ReportFailTrial(trial);
            return;
        }

        _monitor?.ReportCompletedTrial(trial);
        if (trial.Status == TrialStatus.Completed && (_best is null || trial.Loss < _best.Loss))
        {
            _best = trial;
            _monitor?.ReportBestTrial(trial);
        }
    }
}
