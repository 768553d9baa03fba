namespace Dropout.MLNet.Network;

/// <summary>The architecture of a DropoutMlp network: everything needed to rebuild it, nothing learned.</summary>
internal sealed record NetworkSpec(
    int InputSize,
    IReadOnlyList<int> HiddenLayerSizes,
    int OutputSize,
    DropoutMlpActivation Activation,
    IReadOnlyList<float> HiddenDropoutRates,
    float InputDropoutRate)
{
    /// <summary>The (input, output) width of every linear layer, input side first.</summary>
    public IEnumerable<(int Inputs, int Outputs)> LinearShapes()
    {
        int inputs = InputSize;
        foreach (var width in HiddenLayerSizes.Append(OutputSize))
        {
            yield return (inputs, width);
            inputs = width;
        }
    }
}
