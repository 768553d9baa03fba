using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Orleans;

/// <summary>
/// The study grain: hands out trials (new ones from the tuner, or those whose worker stopped reporting for longer than
/// the lease), judges epochs, records results once, and persists its log after every proposal and result. Trials run
/// on workers, never inside this grain's turns. As a local checkpoint does, it does not log a trial stopped by a
/// cancellation or the time budget: such a trial is paused, and runs again when the study is started again.
/// </summary>
internal sealed class DropoutMlpStudyGrain : Grain, IDropoutMlpStudyGrain
{
    private readonly IPersistentState<StudyState> _state;
    private readonly Dictionary<int, Lease> _running = [];
    private readonly Dictionary<int, (Parameter Point, TrialReport? Report)> _paused = [];
    private StudyLedger? _ledger;

    public DropoutMlpStudyGrain([PersistentState("study", DropoutMlpStudies.StorageName)] IPersistentState<StudyState> state) => _state = state;

    private StudyState State => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Definition is { } definition)
        {
            _ledger = new StudyLedger(definition);
            foreach (var (trialId, point) in _ledger.Replay(State))
            {
                // Their workers may still be training: each gets a full lease to report before another worker takes the trial.
                if (State.Cancelled || _ledger.OutOfTime(State.StartedUtc, DateTime.UtcNow))
                {
                    _paused[trialId] = (point, null);
                }
                else
                {
                    _running[trialId] = new Lease("", DateTime.UtcNow, point);
                }
            }
        }

        return Task.CompletedTask;
    }

    public async Task Start(StudyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (ReportCheck.DefinitionProblem(definition) is { } problem)
        {
            throw new ArgumentException($"The study '{this.GetPrimaryKeyString()}' cannot start: {problem}. Nothing was changed.", nameof(definition));
        }

        if (State.Definition is { } started)
        {
            if (!started.SameStudyAs(definition))
            {
                throw new InvalidOperationException(
                    $"The study '{this.GetPrimaryKeyString()}' was started with another definition (metric, search space, tuner, seed or pruner). Use another study name.");
            }

            // Continued (a larger budget, or after a pause): the time budget counts from now, paused trials run first.
            State.Definition = definition;
            State.StartedUtc = DateTime.UtcNow;
            State.Cancelled = false;
            _ledger?.Continue(definition);
            foreach (var (trialId, paused) in _paused)
            {
                _running[trialId] = new Lease("", DateTime.MinValue, paused.Point);
            }

            _paused.Clear();
            await _state.WriteStateAsync();
            return;
        }

        // The ledger first: a definition that cannot be built must leave no half-started study behind.
        var ledger = new StudyLedger(definition);
        State.Definition = definition;
        State.StartedUtc = DateTime.UtcNow;
        _ledger = ledger;
        await _state.WriteStateAsync();
    }

    public async Task<TrialAssignment> NextTrial(string worker)
    {
        if (_ledger is null || State.Definition is not { } definition)
        {
            return TrialAssignment.Wait;
        }

        var now = DateTime.UtcNow;
        if (State.Cancelled || _ledger.OutOfTime(State.StartedUtc, now))
        {
            PauseAbandoned(now);
            return _running.Count > 0 ? TrialAssignment.Wait : TrialAssignment.Done;
        }

        if (_running.FirstOrDefault(r => now - r.Value.Renewed > definition.Lease) is { Value: not null } expired)
        {
            var renewed = expired.Value with { Worker = worker, Renewed = now, Token = NewToken() };
            _running[expired.Key] = renewed;
            return Run(expired.Key, renewed);
        }

        if (_ledger.CanPropose(State.StartedUtc, now) && _ledger.Propose() is var (trialId, point))
        {
            State.Proposals.Add(new ProposalData(trialId, State.Ended.Count, WireFormat.ToData(point)));
            await _state.WriteStateAsync();
            var lease = new Lease(worker, now, point, NewToken());
            _running[trialId] = lease;
            return Run(trialId, lease);
        }

        return _running.Count > 0 ? TrialAssignment.Wait : TrialAssignment.Done;
    }

    public Task<EpochVerdict> ReportEpoch(int trialId, string worker, int epoch, double bestValidationLoss)
    {
        var verdict = Verdict(trialId, worker);
        return Task.FromResult(verdict == EpochVerdict.Continue && _ledger!.Judge(trialId, epoch, bestValidationLoss) ? EpochVerdict.Prune : verdict);
    }

    public Task<EpochVerdict> Renew(int trialId, string worker) => Task.FromResult(Verdict(trialId, worker));

    public Task Abandon(int trialId, string worker)
    {
        if (_running.TryGetValue(trialId, out var lease) && lease.Worker == worker)
        {
            _running[trialId] = lease with { Renewed = DateTime.MinValue };
        }

        return Task.CompletedTask;
    }

    public async Task ReportResult(TrialReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_ledger is null)
        {
            throw Refused(report, "the study has not been started");
        }

        if (State.Ended.Any(e => e.TrialId == report.TrialId))
        {
            // A retry after a lost answer, or a late copy: the first report stands.
            return;
        }

        if (report.TrialId < 0 || report.TrialId >= _ledger.Proposed)
        {
            throw Refused(report, $"trial {report.TrialId} was never handed out (the study has handed out {_ledger.Proposed})");
        }

        if (!_running.TryGetValue(report.TrialId, out var lease))
        {
            throw Refused(report, $"trial {report.TrialId} is not running (it was paused, or given back)");
        }

        // After a reactivation the holders are unknown (token 0): the first worker to report adopts its trial.
        if (lease.Token != 0 && (report.Lease != lease.Token || report.Worker != lease.Worker))
        {
            throw Refused(report, $"its lease is not the trial's current one: the lease expired and trial {report.TrialId} was handed to worker '{lease.Worker}'");
        }

        if (ReportCheck.ContentProblem(report, lease.Point) is { } problem)
        {
            throw Refused(report, problem);
        }

        report = ReportCheck.Kept(report);
        if (report.Status == nameof(TrialStatus.Stopped))
        {
            _running.Remove(report.TrialId);
            _paused[report.TrialId] = (lease.Point, report);
            return;
        }

        State.Ended.Add(report);
        _running.Remove(report.TrialId);
        _ledger.End(report, replay: false);
        await _state.WriteStateAsync();
    }

    private ArgumentException Refused(TrialReport report, string problem) => new(
        $"The study '{this.GetPrimaryKeyString()}' refused worker '{report.Worker}''s report of trial {report.TrialId}: {problem}. Nothing was recorded.",
        nameof(report));

    public Task<StudyStatus> GetStatus()
    {
        if (_ledger is not null && (State.Cancelled || _ledger.OutOfTime(State.StartedUtc, DateTime.UtcNow)))
        {
            PauseAbandoned(DateTime.UtcNow);
        }

        return Task.FromResult(Status());
    }

    private StudyStatus Status() => new()
    {
        Done = _ledger is not null && _running.Count == 0 && (State.Cancelled || !_ledger.CanPropose(State.StartedUtc, DateTime.UtcNow)),
        Trials = [.. State.Ended, .. _paused.Values.Select(p => p.Report).OfType<TrialReport>()],
        Running = _running.Count,
    };

    public async Task Cancel()
    {
        if (State.Cancelled)
        {
            return;
        }

        State.Cancelled = true;
        await _state.WriteStateAsync();
    }

    /// <summary>Renews the trial's lease; whether it goes on (continue) or stops (ended, handed to another worker's report, study over).</summary>
    private EpochVerdict Verdict(int trialId, string worker)
    {
        // After a restart the holders are unknown (""): the first worker to report adopts its trial.
        if (!_running.TryGetValue(trialId, out var lease) || (lease.Worker.Length > 0 && lease.Worker != worker))
        {
            return EpochVerdict.Stop;
        }

        var now = DateTime.UtcNow;
        _running[trialId] = lease with { Worker = worker, Renewed = now };
        return State.Cancelled || _ledger!.OutOfTime(State.StartedUtc, now) ? EpochVerdict.Stop : EpochVerdict.Continue;
    }

    /// <summary>
    /// Once no trial may be handed out (cancelled, out of time), a running trial whose worker has not reported within the
    /// lease will not report: it is paused, to run again when the study is started again.
    /// </summary>
    private void PauseAbandoned(DateTime now)
    {
        foreach (var (trialId, lease) in _running.Where(r => now - r.Value.Renewed > State.Definition!.Lease).ToArray())
        {
            _running.Remove(trialId);
            _paused[trialId] = (lease.Point, null);
        }
    }

    private static TrialAssignment Run(int trialId, Lease lease) =>
        new() { Kind = AssignmentKind.Run, TrialId = trialId, Parameter = WireFormat.ToData(lease.Point), Lease = lease.Token };

    /// <summary>A lease's token: random, never 0 (0 marks a lease whose holder a reactivation forgot).</summary>
    private static long NewToken() => Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>Who holds a running trial, since when, what it tries, and the token that fences a stale holder's report.</summary>
    private sealed record Lease(string Worker, DateTime Renewed, Parameter Point, long Token = 0);
}
