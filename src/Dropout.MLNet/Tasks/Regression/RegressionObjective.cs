using System.Runtime.CompilerServices;
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

    /// <summary>The squared error, or the Huber loss (½d² within δ of the label, δ·(|d| − ½δ) beyond), and their gradients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override float LossGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double labelSmoothing, Span<float> gradient)
    {
        int rows = labels.Length;
        float delta = (float)huberDelta;
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            float difference = outputs[i] - labels[i];
            float share = RowShare(weights, i, rows);
            if (loss == RegressionLoss.SquaredError)
            {
                total += share * difference * difference;
                gradient[i] = share * 2f * difference;
            }
            else if (MathF.Abs(difference) < delta)
            {
                total += share * 0.5f * difference * difference;
                gradient[i] = share * difference;
            }
            else
            {
                total += share * delta * (MathF.Abs(difference) - (0.5f * delta));
                gradient[i] = share * delta * MathF.Sign(difference);
            }
        }

        return (float)total;
    }
}
