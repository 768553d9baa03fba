namespace Dropout.MLNet.Network;

/// <summary>
/// The architecture of a DropoutMlp network: everything needed to rebuild it, nothing learned. With
/// <see cref="PeriodicEmbeddingScale"/> (the standard deviation its frequencies start from) the features pass a
/// <see cref="PeriodicEmbedding"/> first: those at <see cref="EmbeddedFeatures"/> (all when it is null). With
/// <see cref="ScaleInputs"/> the first layer's inputs pass a <see cref="ScalingLayer"/> (in training only: a trained
/// model keeps it folded into the first layer).
/// </summary>
internal sealed record NetworkSpec(
    int InputSize,
    IReadOnlyList<int> HiddenLayerSizes,
    int OutputSize,
    DropoutMlpActivation Activation,
    IReadOnlyList<float> HiddenDropoutRates,
    float InputDropoutRate,
    DropoutKind DropoutKind = DropoutKind.Standard,
    float? PeriodicEmbeddingScale = null,
    IReadOnlyList<int>? EmbeddedFeatures = null,
    bool ScaleInputs = false)
{
    /// <summary>The first linear layer's inputs: the features, then <see cref="PeriodicEmbedding.Mixed"/> values for each embedded one.</summary>
    public int NetworkInputs => InputSize + (PeriodicEmbedding.Mixed * EmbeddedIndices.Count);

    /// <summary>The positions of the features the periodic embedding reads, in order (none without one).</summary>
    public IReadOnlyList<int> EmbeddedIndices => PeriodicEmbeddingScale is null ? [] : EmbeddedFeatures ?? [.. Enumerable.Range(0, InputSize)];

    /// <summary>The rate of the dropout before linear layer <paramref name="layer"/> (the input rate before the first).</summary>
    public float RateBefore(int layer) => layer == 0 ? InputDropoutRate : HiddenDropoutRates[layer - 1];

    /// <summary>The (input, output) width of every linear layer, input side first.</summary>
    public IEnumerable<(int Inputs, int Outputs)> LinearShapes()
    {
        int inputs = NetworkInputs;
        foreach (var width in HiddenLayerSizes.Append(OutputSize))
        {
            yield return (inputs, width);
            inputs = width;
        }
    }
}
