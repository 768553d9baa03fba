namespace Dropout.MLNet.Importance;

/// <summary>What permutation feature importance permutes at once.</summary>
public enum FeatureGrouping
{
    /// <summary>
    /// Every slot that came from one column (the slots <c>Concatenate</c> names <c>island.Biscoe</c>, <c>island.Dream</c>, ...
    /// for the column <c>island</c>) is permuted together: the importance of that column, however it was encoded.
    /// </summary>
    ByColumn,

    /// <summary>Each slot of the feature vector on its own, as ML.NET's <c>PermutationFeatureImportance</c> does.</summary>
    BySlot,
}
