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
    private readonly ISweepMonitor? _monitor;
    private readonly TrialNotifier _notifier;
    private readonly Action<string> _warn;
    private readonly List<TrialResult> _trials = [];
    private int _nextId;
    private int _proposalsReplayed;

    public TrialScheduler(SweepPlan plan, TrialRunner runner, ITuner tuner, int? maxTrials, Action<TrialResult>? progress, ISweepMonitor? monitor,
        Action<string> warn)
    {
        _warn = warn;
        _plan = plan;
        _runner = runner;
        _tuner = tuner;
        _maxTrials = maxTrials;
        _monitor = monitor;
        _notifier = new TrialNotifier(progress, monitor, warn);
    }

    /// <summary>
    /// Keeps <paramref name="parallel"/> trials running (each fit on its share of the cores when more than one), the
    /// tuner proposing whenever one ends; returns them in trial order. A checkpoint's trials are replayed first (not run):
    /// proposals and ends reach the tuner and the pruner in the order they happened, and the trials that were proposed
    /// but never ended (running when the sweep was killed) run again, with the same hyperparameters, before any new one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The checkpoint was written by a sweep that proposed other trials.</exception>
    public List<TrialResult> Run(int parallel, SweepCheckpoint? checkpoint)
    {
        var lost = checkpoint is null ? new Queue<(TrialSettings, Parameter)>() : Replay(checkpoint);
        int? threads = parallel > 1 ? Math.Max(1, Environment.ProcessorCount / parallel) : null;
        var running = new List<Task<(TrialResult Trial, IReadOnlyList<double> JudgedLosses)>>();
        try
        {
            return Schedule(parallel, checkpoint, lost, threads, running);
        }
        catch
        {
            // The tuner threw: the trials already running end (each releases its model) before the sweep gives up.
            Task.WaitAll([.. running]);
            throw;
        }
    }

    /// <summary>The loop of <see cref="Run(int, SweepCheckpoint?)"/>: <paramref name="running"/> holds the trials started and not yet ended.</summary>
    private List<TrialResult> Schedule(int parallel, SweepCheckpoint? checkpoint, Queue<(TrialSettings, Parameter)> lost, int? threads,
        List<Task<(TrialResult Trial, IReadOnlyList<double> JudgedLosses)>> running)
    {
        bool proposing = true;
        while (true)
        {
            while (running.Count < parallel)
            {
                var next = !proposing ? null : lost.Count > 0 ? lost.Dequeue() : Propose();
                if (next is not var (settings, point))
                {
                    proposing = false;
                    break;
                }

                if (settings.TrialId >= _proposalsReplayed && checkpoint is not null)
                {
                    proposing &= Write(checkpoint, c => c.AppendProposal(settings.TrialId, _trials.Count));
                }

                _notifier.Running(settings, point);
                running.Add(Task.Run(() => Run(settings, point, threads)));
            }

            if (running.Count == 0)
            {
                return [.. _trials.OrderBy(t => t.TrialId)];
            }

            var done = running[Task.WaitAny([.. running])];
            running.Remove(done);
            var (trial, judgedLosses) = done.Result;
            if (trial.Status != TrialStatus.Stopped && checkpoint is not null)
            {
                // A trial the budget or a cancellation stopped is not written: a resumed sweep runs it again.
                proposing &= Write(checkpoint, c => c.Append(trial, judgedLosses));
            }

            Finished(trial);
        }
    }

    /// <summary>
    /// Writes to the checkpoint; when that fails (a full disk, a folder made read-only), says so and returns
    /// <see langword="false"/>: the sweep then proposes no more trials, finishes those running, and returns every
    /// finished trial, since a checkpoint that misses trials could not resume it to the same end.
    /// </summary>
    private bool Write(SweepCheckpoint checkpoint, Action<SweepCheckpoint> write)
    {
        try
        {
            write(checkpoint);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warn($"The sweep could not write its checkpoint ({e.GetType().Name}: {e.Message}); it proposes no more trials, finishes the running ones and returns every finished trial. Free the space or fix the folder, then run it again on the same checkpoint to go on.");
            return false;
        }
    }

    /// <summary>Replays a checkpoint; returns the trials proposed in it that never ended, in trial order.</summary>
    private Queue<(TrialSettings, Parameter)> Replay(SweepCheckpoint checkpoint)
    {
        var lost = SweepLogReplay.Run(checkpoint.LoadProposals(), checkpoint.Load(), e => (e.Trial.TrialId, e.Trial.Parameter),
            () => Propose()?.Point,
            e =>
            {
                _runner.Replay(e.JudgedLosses);
                Finished(e.Trial);
            },
            (trialId, proposed, written) => new InvalidOperationException(
                $"The checkpoint's trial {trialId} tried {written?.ToString() ?? "hyperparameters"}, but this sweep proposes {proposed?.ToString() ?? "no trial"}: "
                + "the checkpoint was written by a sweep with another pipeline, search space, tuner or seed. Use another checkpoint folder, or the settings that wrote it."));
        _proposalsReplayed = _nextId;
        return new Queue<(TrialSettings, Parameter)>(lost.Select(l => (new TrialSettings(l.TrialId, _plan.SearchSpace), l.Point)));
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
        _runner.Run(settings.TrialId, point, _monitor is null ? null : (epoch, continues) => _notifier.Epoch(settings, epoch, continues), threads);

    private void Finished(TrialResult trial)
    {
        _trials.Add(trial);
        _tuner.Update(trial);
        _notifier.Ended(trial);
    }
}
