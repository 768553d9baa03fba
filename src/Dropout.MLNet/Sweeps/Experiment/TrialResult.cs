namespace Dropout.MLNet.Sweeps;

/// <summary>One trial of a sweep.</summary>
/// <param name="TrialId">The trial's number, from 0.</param>
/// <param name="Parameter">The hyperparameters tried.</param>
/// <param name="Status">How the trial ended.</param>
/// <param name="Metric">The experiment's metric on the evaluation data (mean over folds); NaN unless completed.</param>
/// <param name="Loss">The metric turned so that smaller is better (negated when the metric is maximized); what tuners minimize.</param>
/// <param name="EpochsRun">Epochs trained, over every fold.</param>
/// <param name="Duration">Wall-clock time of the trial.</param>
public sealed record TrialResult(
    int TrialId,
    Parameter Parameter,
    TrialStatus Status,
    double Metric,
    double Loss,
    int EpochsRun,
    TimeSpan Duration)
{
    /// <summary>Why a <see cref="TrialStatus.Failed"/> trial failed; <see langword="null"/> for every other status.</summary>
    public Exception? Error { get; init; }
}
