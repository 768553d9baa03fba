namespace Dropout.MLNet.Network;

/// <summary>
/// One categorical feature's one-hot slots in the feature vector: <paramref name="Levels"/> slots from
/// <paramref name="Start"/> on, as ML.NET's <c>CategoricalSlotRanges</c> annotation names them.
/// </summary>
internal sealed record CategorySlots(int Start, int Levels)
{
    /// <summary>The slot after the last one.</summary>
    public int End => Start + Levels;
}
