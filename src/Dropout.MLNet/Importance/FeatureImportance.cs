namespace Dropout.MLNet.Importance;

/// <summary>The permutation importance of one feature: an input column (all its slots permuted together) or one slot.</summary>
/// <param name="Name">The input column's name, or the slot's name (<c>"Slot 3"</c> when it has none).</param>
/// <param name="Slots">The slots of the feature vector that were permuted together.</param>
/// <param name="Deltas">
/// The change of each metric, keyed by the name of the ML.NET metrics property (<c>MacroAccuracy</c>, <c>LogLoss</c>,
/// <c>AreaUnderRocCurve</c>, ...).
/// </param>
public sealed record FeatureImportance(string Name, IReadOnlyList<int> Slots, IReadOnlyDictionary<string, MetricDelta> Deltas);
