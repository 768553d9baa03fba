namespace Dropout.MLNet.Network;

/// <summary>
/// The architecture of a DropoutMlp network: everything needed to rebuild it, nothing learned. With
/// <see cref="PeriodicEmbeddingScale"/> (the standard deviation its frequencies start from) the features pass a
/// <see cref="PeriodicEmbedding"/> first: those at <see cref="EmbeddedFeatures"/> (all when it is null). With
/// <see cref="ScaleInputs"/> the first layer's inputs pass a <see cref="ScalingLayer"/> (in training only: a trained
/// model keeps it folded into the first layer). With <see cref="EmbeddedCategories"/> the one-hot slots of each listed
/// category enter the first layer through a learned embedding of <see cref="CategoryEmbeddingSize"/> numbers
/// (<see cref="CategoryEmbedding"/>; in training only: a trained model keeps it folded into the first layer too). With
/// <see cref="EnsembleSize"/> above 1 the network is that many members sharing their hidden layers
/// (<see cref="EnsembleInput"/>), averaged as <see cref="Output"/> says.
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
    bool ScaleInputs = false,
    IReadOnlyList<CategorySlots>? EmbeddedCategories = null,
    int CategoryEmbeddingSize = 0,
    int EnsembleSize = 1,
    NetworkOutput Output = NetworkOutput.ClassLogits)
{
    /// <summary>Whether the network is an ensemble of <see cref="EnsembleSize"/> members (<see cref="EnsembleInput"/>).</summary>
    public bool IsEnsemble => EnsembleSize > 1;

    /// <summary>The first linear layer's inputs: the features, then <see cref="PeriodicEmbedding.Mixed"/> values for each embedded one.</summary>
    public int NetworkInputs => InputSize + (PeriodicEmbedding.Mixed * EmbeddedIndices.Count);

    /// <summary>
    /// The inputs of the first linear layer: <see cref="NetworkInputs"/>, less the one-hot slots of the embedded
    /// categories, which enter as <see cref="CategoryEmbeddingSize"/> numbers each instead.
    /// </summary>
    public int FirstLayerInputs => NetworkInputs - Categories.Sum(category => category.Levels) + (Categories.Count * CategoryEmbeddingSize);

    /// <summary>The categories embedded before the first layer, by their one-hot slots (none without).</summary>
    public IReadOnlyList<CategorySlots> Categories => CategoryEmbeddingSize > 0 ? EmbeddedCategories ?? [] : [];

    /// <summary>The positions of the features the periodic embedding reads, in order (none without one).</summary>
    public IReadOnlyList<int> EmbeddedIndices => PeriodicEmbeddingScale is null ? [] : EmbeddedFeatures ?? [.. Enumerable.Range(0, InputSize)];

    /// <summary>The rate of the dropout before linear layer <paramref name="layer"/> (the input rate before the first).</summary>
    public float RateBefore(int layer) => layer == 0 ? InputDropoutRate : HiddenDropoutRates[layer - 1];

    /// <summary>The (input, output) width of every linear layer, input side first (an ensemble's output layer holds every member's).</summary>
    public IEnumerable<(int Inputs, int Outputs)> LinearShapes()
    {
        int inputs = FirstLayerInputs;
        foreach (var width in HiddenLayerSizes.Append(OutputSize * EnsembleSize))
        {
            yield return (inputs, width);
            inputs = width;
        }
    }
}
