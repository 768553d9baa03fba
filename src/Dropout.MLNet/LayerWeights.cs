namespace Dropout.MLNet;

/// <summary>The learned weights of one linear layer, copied out of TorchSharp into managed memory.</summary>
/// <param name="Inputs">The number of inputs.</param>
/// <param name="Outputs">The number of outputs.</param>
/// <param name="Weight">The weight matrix, <paramref name="Outputs"/> rows of <paramref name="Inputs"/> values (row-major, as <c>nn.Linear</c>).</param>
/// <param name="Bias">The bias, one value per output.</param>
public sealed record LayerWeights(int Inputs, int Outputs, IReadOnlyList<float> Weight, IReadOnlyList<float> Bias);
