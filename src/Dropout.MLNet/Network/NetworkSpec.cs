namespace Dropout.MLNet.Network;

/// <summary>
/// The architecture of a DropoutMlp network: everything needed to rebuild it, nothing learned. With
/// <see cref="PeriodicEmbeddingScale"/> (the standard deviation its frequencies start from) the features pass a
/// <see cref="PeriodicEmbedding"/> first.
/// </summary>
internal sealed record NetworkSpec(
    int InputSize,
    IReadOnlyList<int> HiddenLayerSizes,
    int OutputSize,
    DropoutMlpActivation Activation,
    IReadOnlyList<float> HiddenDropoutRates,
    float InputDropoutRate,
    DropoutKind DropoutKind = DropoutKind.Standard,
    float? PeriodicEmbeddingScale = null)
{
    /// <summary>The first linear layer's inputs: the features, or their periodic embeddings (<see cref="PeriodicEmbedding.Width"/> each).</summary>
    public int NetworkInputs => PeriodicEmbeddingScale is null ? InputSize : InputSize * PeriodicEmbedding.Width;

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
