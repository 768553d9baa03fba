namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// The parts that were candidates for new defaults (2026-12-07, NOTES.md: chosen on meta-train, then kept as options
/// because they cost fit and scoring time on large data without gaining accuracy): a column of their own beside the
/// defaults, so that one run measures both.
/// </summary>
internal static class CandidateParts
{
    /// <summary>Classification's candidate: periodic embeddings of robust-scaled features.</summary>
    public static IReadOnlyList<string> Classification { get; } = ["NumericalEmbedding=Periodic", "FeatureScaling=RobustSmoothClip"];

    /// <summary>Regression's candidate: periodic embeddings of z-scored features (robust scaling cost R² on meta-train).</summary>
    public static IReadOnlyList<string> Regression { get; } = ["NumericalEmbedding=Periodic"];
}
