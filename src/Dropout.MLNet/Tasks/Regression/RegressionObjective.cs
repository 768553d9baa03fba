using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dropout.MLNet.Tasks.Regression;

/// <summary>One output, the standardized label, trained on the squared error or the Huber loss.</summary>
/// <param name="loss">The loss.</param>
/// <param name="huberDelta">Where the Huber loss turns from squared to linear, in standard deviations of the label.</param>
internal sealed class RegressionObjective(RegressionLoss loss, double huberDelta) : TaskObjective
{
    public override bool StandardizesLabels => true;

    public override int OutputSize(ClassSet classes) => 1;

    public override Tensor LabelTensor(float[] targets) => tensor(targets);

    /// <summary>The loss of the outputs against the labels; <paramref name="labelSmoothing"/> does not apply to values.</summary>
    public override Tensor Loss(Tensor outputs, Tensor labels, Tensor? weights, double labelSmoothing = 0)
    {
        var flat = outputs.squeeze(1);
        var reduction = weights is null ? TorchSharp.torch.nn.Reduction.Mean : TorchSharp.torch.nn.Reduction.None;
        var losses = loss == RegressionLoss.Huber
            ? huber_loss(flat, labels, reduction: reduction, delta: huberDelta)
            : mse_loss(flat, labels, reduction: reduction);
        return weights is null ? losses : WeightedMean(losses, weights);
    }
}
