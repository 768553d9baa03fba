using Microsoft.ML;

namespace Dropout.MLNet.Sweeps;

/// <summary>What a sweep found: every trial, the best one, and its model.</summary>
/// <param name="Metric">The metric optimized.</param>
/// <param name="Trials">Every trial, in the order run.</param>
/// <param name="BestTrial">The completed trial with the best metric (the earliest among equals).</param>
/// <param name="Model">
/// The whole pipeline fitted with the best hyperparameters: the best trial's own model after a holdout evaluation, or,
/// after cross-validation or when refitting was asked for, a fit on all the data. Save and load it like any model.
/// </param>
public sealed record DropoutMlpExperimentResult(
    SweepMetric Metric,
    IReadOnlyList<TrialResult> Trials,
    TrialResult BestTrial,
    ITransformer Model)
{
    /// <summary>The best trial's hyperparameters.</summary>
    public Parameter BestParameter => BestTrial.Parameter;

    /// <summary>
    /// How much each swept hyperparameter mattered to the metric, as shares summing to 1: permutation importance on a
    /// random-forest model of the completed trials (empty with fewer than four completed trials).
    /// </summary>
    public IReadOnlyDictionary<string, double> HyperparameterImportance { get; init; } = new Dictionary<string, double>();
}
