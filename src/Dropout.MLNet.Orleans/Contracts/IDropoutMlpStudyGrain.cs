namespace Dropout.MLNet.Orleans;

/// <summary>
/// One sweep's study, keyed by its name: it holds the tuner, the pruner's rungs and the trial log (persisted in grain
/// storage), hands trials to workers, judges their epochs and records their results.
/// </summary>
[Alias("Dropout.MLNet.Orleans.IDropoutMlpStudyGrain")]
public interface IDropoutMlpStudyGrain : IGrainWithStringKey
{
    /// <summary>Starts the study, or continues it when it was started with the same definition.</summary>
    /// <exception cref="InvalidOperationException">The study was started with another definition.</exception>
    /// <exception cref="ArgumentException">The definition cannot be built (an unknown tuner, a lease not in (0, 1 day]); nothing changes.</exception>
    [Alias("Start")]
    Task Start(StudyDefinition definition);

    /// <summary>The next trial for <paramref name="worker"/>: new, or one whose worker stopped reporting.</summary>
    [Alias("NextTrial")]
    Task<TrialAssignment> NextTrial(string worker);

    /// <summary>Judges a trial after an epoch of its first fold (and renews its lease); a worker whose trial was handed to another is told to stop.</summary>
    [Alias("ReportEpoch")]
    Task<EpochVerdict> ReportEpoch(int trialId, string worker, int epoch, double bestValidationLoss);

    /// <summary>Renews a running trial's lease (a worker does so while a trial runs); <see cref="EpochVerdict.Stop"/> when it should stop.</summary>
    [Alias("Renew")]
    Task<EpochVerdict> Renew(int trialId, string worker);

    /// <summary>Gives a trial back (its worker is shutting down): the next worker to ask runs it again.</summary>
    [Alias("Abandon")]
    Task Abandon(int trialId, string worker);

    /// <summary>
    /// Records a finished trial; a second report of the same trial is ignored. A report of a trial never handed out or
    /// not running, from a worker whose lease was handed on, or whose content would not replay, is refused with an
    /// <see cref="ArgumentException"/> naming what is wrong, and nothing is recorded.
    /// </summary>
    [Alias("ReportResult")]
    Task ReportResult(TrialReport report);

    /// <summary>The trials ended so far and whether the study is over.</summary>
    [Alias("GetStatus")]
    Task<StudyStatus> GetStatus();

    /// <summary>Stops the study: no new trial; running ones are told to stop at their next epoch.</summary>
    [Alias("Cancel")]
    Task Cancel();
}
