using Dropout.MLNet.Sweeps;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Dropout.MLNet.Orleans;

/// <summary>
/// Runs one study's trials on this host, one at a time, off any grain turn: asks the study grain for a trial, trains
/// it with the same trainer code as a local sweep (the pipeline and data registered here; an <see cref="IDataView"/>
/// never travels), reports each epoch and renews its lease while training, and reports the result.
/// </summary>
internal sealed class DropoutMlpSweepWorker : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly string _study;
    private readonly Func<MLContext, DropoutMlpExperiment> _experiment;
    private readonly SweepWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly string _name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public DropoutMlpSweepWorker(IGrainFactory grains, string study, Func<MLContext, DropoutMlpExperiment> experiment, SweepWorkerOptions options, ILogger logger)
    {
        _grains = grains;
        _study = study;
        _experiment = experiment;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grain = _grains.GetGrain<IDropoutMlpStudyGrain>(_study);
        (SweepPlan Plan, long? MemoryCeiling)? prepared = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = await Ask(grain, stoppingToken);
            if (next.Kind != AssignmentKind.Run)
            {
                await Task.Delay(_options.PollInterval, stoppingToken);
                continue;
            }

            prepared ??= _experiment(new MLContext(_options.Seed)).PrepareWorker();
            var report = await Task.Run(() => RunTrial(grain, prepared.Value, next, stoppingToken), CancellationToken.None);
            if (stoppingToken.IsCancellationRequested)
            {
                // Stopped because this host is shutting down, not by the study: the trial goes back, to be run elsewhere.
                await grain.Abandon(report.TrialId, _name);
                return;
            }

            await Deliver(grain, report, stoppingToken);
        }
    }

    /// <summary>Reports a result until the study takes it (reports are idempotent, so a retry after a lost answer is harmless).</summary>
    private async Task Deliver(IDropoutMlpStudyGrain grain, TrialReport report, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await grain.ReportResult(report);
                return;
            }
            catch (ArgumentException e)
            {
                // Refused (the lease was handed on, or the study does not know the trial): retrying would not change that.
                _logger.LogWarning("{Refusal}", e.Message);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Study '{Study}' did not take trial {Trial}'s result; retrying.", _study, report.TrialId);
                await Task.Delay(_options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>The study's answer, or "wait" while the cluster cannot be reached (starting, a silo going down).</summary>
    private async Task<TrialAssignment> Ask(IDropoutMlpStudyGrain grain, CancellationToken stoppingToken)
    {
        try
        {
            return await grain.NextTrial(_name);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Study '{Study}' could not be reached; asking again.", _study);
            return TrialAssignment.Wait;
        }
    }

    private TrialReport RunTrial(IDropoutMlpStudyGrain grain, (SweepPlan Plan, long? MemoryCeiling) prepared, TrialAssignment assignment, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bool Judge(int trialId, int epoch, double bestLoss)
        {
            var verdict = Verdict(grain, trialId, epoch, bestLoss);
            if (verdict == EpochVerdict.Stop)
            {
                stop.Cancel();
            }

            return verdict == EpochVerdict.Prune;
        }

        using var renewal = RenewWhileRunning(grain, assignment.TrialId, stop);
        var runner = new TrialRunner(prepared.Plan, Judge, stop.Token, DateTime.MaxValue, prepared.MemoryCeiling, keepBest: false);
        var (trial, judgedLosses) = runner.Run(assignment.TrialId, WireFormat.FromData(assignment.Parameter));
        _logger.LogInformation("Study '{Study}' trial {Trial}: {Status} {Metric}", _study, trial.TrialId, trial.Status, trial.Metric);
        return WireFormat.ToReport(trial, judgedLosses, _name) with { Lease = assignment.Lease };
    }

    /// <summary>
    /// The study's verdict on an epoch; while the study cannot be reached (its silo died and the cluster has not yet moved
    /// it) the trial trains on: an unjudged epoch costs less than a lost trial.
    /// </summary>
    private EpochVerdict Verdict(IDropoutMlpStudyGrain grain, int trialId, int epoch, double bestLoss)
    {
        try
        {
            return grain.ReportEpoch(trialId, _name, epoch, bestLoss).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            _logger.LogWarning(e, "Study '{Study}' did not judge trial {Trial}'s epoch {Epoch}; training on.", _study, trialId, epoch);
            return EpochVerdict.Continue;
        }
    }

    /// <summary>Renews the trial's lease every renewal interval (epochs of later folds are not reported), stopping the trial when told.</summary>
    private Timer RenewWhileRunning(IDropoutMlpStudyGrain grain, int trialId, CancellationTokenSource stop) => new(_ =>
    {
        try
        {
            if (!stop.IsCancellationRequested && grain.Renew(trialId, _name).GetAwaiter().GetResult() == EpochVerdict.Stop)
            {
                stop.Cancel();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next renewal tries again; the lease is long enough for a few to fail.
            _logger.LogWarning(e, "Study '{Study}': trial {Trial}'s lease was not renewed.", _study, trialId);
        }
    }, null, _options.RenewInterval, _options.RenewInterval);
}
