using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Orleans;

/// <summary>
/// A study's decisions, free of Orleans: the tuner built from the definition's recipe and seed, the ASHA pruner, the
/// budget; replaying a persisted log brings both back to where they were.
/// </summary>
internal sealed class StudyLedger
{
    private StudyDefinition _definition;
    private readonly SearchSpace _space;
    private readonly ITuner _tuner;
    private readonly AshaPruner? _pruner;
    private readonly Dictionary<(int Trial, int Epoch), bool> _judged = [];
    private bool _tunerDone;

    public StudyLedger(StudyDefinition definition)
    {
        _definition = definition;
        _space = WireFormat.FromData(definition.SearchSpace);
        _tuner = new TunerRecipe(definition.Tuner, definition.TunerNumber, definition.TunerShuffle).Build(definition.Seed)
            ?? throw new InvalidOperationException($"Unknown tuner '{definition.Tuner}': an Orleans study builds 'smac', 'random' or 'grid'.");
        _pruner = definition.PrunerGracePeriod is { } grace ? new AshaPruner(grace, definition.PrunerReductionFactor) : null;
    }

    /// <summary>Takes the budget of a study continued with another one (more trials, more time).</summary>
    public void Continue(StudyDefinition definition) => _definition = definition;

    /// <summary>The number of trials proposed.</summary>
    public int Proposed { get; private set; }

    /// <summary>Whether the budget and the tuner allow another trial.</summary>
    public bool CanPropose(DateTime started, DateTime now) =>
        !_tunerDone && Proposed < (_definition.MaxTrials ?? ReportCheck.MostTrials) && !OutOfTime(started, now);

    public bool OutOfTime(DateTime started, DateTime now) => _definition.Seconds is { } seconds && now >= started.AddSeconds(seconds);

    /// <summary>The next trial, or <see langword="null"/> when the tuner has nothing left.</summary>
    public (int TrialId, Parameter Point)? Propose()
    {
        if (_tuner.Propose(new TrialSettings(Proposed, _space)) is not { } point)
        {
            _tunerDone = true;
            return null;
        }

        return (Proposed++, point);
    }

    /// <summary>Whether the pruner stops a trial after an epoch; the same epoch judged again gets the same answer.</summary>
    public bool Judge(int trialId, int epoch, double bestLoss)
    {
        if (_pruner is null)
        {
            return false;
        }

        if (!_judged.TryGetValue((trialId, epoch), out bool stop))
        {
            _judged[(trialId, epoch)] = stop = _pruner.ShouldStop(epoch, bestLoss);
        }

        return stop;
    }

    /// <summary>Tells the tuner of an ended trial; when replaying, the pruner hears its epochs again.</summary>
    public void End(TrialReport report, bool replay)
    {
        if (replay)
        {
            for (int epoch = 0; epoch < report.JudgedLosses.Count; epoch++)
            {
                Judge(report.TrialId, epoch + 1, report.JudgedLosses[epoch]);
            }
        }

        _tuner.Update(WireFormat.FromReport(report));

        // An ended trial is judged no more: its verdicts go, so the pruner's memory holds running trials only.
        foreach (var key in _judged.Keys.Where(key => key.Trial == report.TrialId).ToArray())
        {
            _judged.Remove(key);
        }
    }

    /// <summary>Replays a persisted log; returns the trials proposed that never ended (they were running), with their points.</summary>
    /// <exception cref="InvalidOperationException">The log's proposals are not what this tuner proposes (another version or definition).</exception>
    public List<(int TrialId, Parameter Point)> Replay(StudyState state) => SweepLogReplay.Run(
        [.. state.Proposals.Select(p => (p.TrialId, p.EndedBefore))], state.Ended, report => (report.TrialId, WireFormat.FromData(report.Parameter)),
        () => Propose()?.Point, report => End(report, replay: true),
        (trialId, proposed, logged) => new InvalidOperationException(
            $"The study's log does not replay: trial {trialId} was {logged?.ToString() ?? "proposed"}, the tuner now proposes {proposed?.ToString() ?? "no trial"}. "
            + "Start the sweep under another study name."));
}
