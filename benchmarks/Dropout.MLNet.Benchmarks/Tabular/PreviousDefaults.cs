namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// The options whose defaults changed in 0.2.0, at the values they had before: applied to today's defaults they give
/// the previous release's defaults, so that one run can put the old defaults beside the new ones.
/// </summary>
internal static class PreviousDefaults
{
    public static IReadOnlyList<string> Overrides { get; } = ["NumericalEmbedding=None", "FeatureScaling=Standard"];
}
