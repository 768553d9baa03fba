using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Orleans;

/// <summary>
/// Runs a sweep's trials on the workers of an Orleans cluster: starts (or continues) the named study with the
/// experiment's search space, tuner, seed, budget and pruner, then follows it, telling the experiment's progress callback
/// and monitor of each trial as it ends, until the study is done.
/// </summary>
internal sealed class OrleansSweepExecutor : SweepExecutor
{
    private readonly IGrainFactory _grains;
    private readonly string _study;
    private readonly TimeSpan _lease;
    private readonly TimeSpan _poll;

    /// <summary>Calls to the study in a row that may fail (a silo's death takes the cluster a few probes to notice) before the sweep gives up.</summary>
    private const int MaximumFailures = 20;

    public OrleansSweepExecutor(IGrainFactory grains, string study, TimeSpan lease, TimeSpan poll)
    {
        _grains = grains;
        _study = study;
        _lease = lease;
        _poll = poll;
    }

    internal override IReadOnlyList<TrialResult> Run(SweepRequest request, CancellationToken cancellationToken)
    {
        var grain = _grains.GetGrain<IDropoutMlpStudyGrain>(_study);
        grain.Start(Definition(request)).GetAwaiter().GetResult();
        var told = new HashSet<int>();
        var notifier = new TrialNotifier(request.Progress, request.Monitor);
        var failures = new List<Exception>();
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                grain.Cancel().GetAwaiter().GetResult();
            }

            if (Status(grain, failures) is not { } status)
            {
                Thread.Sleep(_poll);
                continue;
            }

            foreach (var report in status.Trials.Where(r => told.Add(r.TrialId)))
            {
                notifier.Ended(WireFormat.FromReport(report));
            }

            if (status.Done)
            {
                return [.. status.Trials.Select(WireFormat.FromReport).OrderBy(t => t.TrialId)];
            }

            Thread.Sleep(_poll);
        }
    }

    /// <summary>
    /// The study's status, or <see langword="null"/> while its grain cannot be reached (its silo died and the cluster has
    /// not yet moved it); after <see cref="MaximumFailures"/> failures in a row, the sweep fails with the last error.
    /// </summary>
    private static StudyStatus? Status(IDropoutMlpStudyGrain grain, List<Exception> failures)
    {
        try
        {
            var status = grain.GetStatus().GetAwaiter().GetResult();
            failures.Clear();
            return status;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException && failures.Count < MaximumFailures)
        {
            failures.Add(e);
            return null;
        }
    }

    private StudyDefinition Definition(SweepRequest request)
    {
        if (request.Tuner.Build(request.Seed) is null)
        {
            throw new InvalidOperationException("A tuner of your own cannot run in an Orleans study: use SetSmacTuner, SetRandomSearchTuner or SetGridSearchTuner.");
        }

        return new StudyDefinition
        {
            Metric = request.Plan.Metric.ToString(),
            SearchSpace = WireFormat.ToData(request.Plan.SearchSpace),
            Tuner = request.Tuner.Kind,
            TunerNumber = request.Tuner.Number,
            TunerShuffle = request.Tuner.Shuffle,
            Seed = request.Seed,
            MaxTrials = request.MaxTrials,
            Seconds = request.Seconds,
            PrunerGracePeriod = request.Pruner?.GracePeriod,
            PrunerReductionFactor = request.Pruner?.ReductionFactor ?? 3,
            Lease = _lease,
        };
    }
}
