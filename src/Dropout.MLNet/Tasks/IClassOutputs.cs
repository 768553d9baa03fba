using static TorchSharp.torch;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// The outputs of a network that are logits of classes: training counts the right predictions, may calibrate a
/// temperature, and Monte Carlo dropout averages probabilities.
/// </summary>
internal interface IClassOutputs
{
    /// <summary>The number of rows whose predicted class equals the label, as a scalar tensor.</summary>
    Tensor CountCorrect(Tensor outputs, Tensor labels);

    /// <summary>The number of rows whose predicted class equals the label, for outputs (row-major) and labels in managed memory.</summary>
    long CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels);

    /// <summary>Class probabilities of a batch, one column per class.</summary>
    Tensor Probabilities(Tensor outputs);
}
