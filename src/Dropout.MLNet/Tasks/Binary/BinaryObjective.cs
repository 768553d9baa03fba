using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dropout.MLNet.Tasks.Binary;

/// <summary>One logit, trained on the binary cross-entropy of its sigmoid.</summary>
internal sealed class BinaryObjective : TaskObjective, IClassOutputs
{
    public override IClassOutputs Classes => this;

    public override Network.NetworkOutput Output => Network.NetworkOutput.Logit;

    public override int OutputSize(ClassSet classes) => 1;

    public override Tensor LabelTensor(float[] targets) => tensor(targets);

    public override Tensor Loss(Tensor outputs, Tensor labels, Tensor? weights, double labelSmoothing = 0)
    {
        var flat = outputs.squeeze(1);
        if (labelSmoothing > 0)
        {
            using var keep = (1 - labelSmoothing).ToScalar();
            using var spread = (labelSmoothing / 2).ToScalar();
            using var one = 1.0.ToScalar();
            labels = labels.mul(keep).add_(spread, one);
        }

        return weights is null
            ? binary_cross_entropy_with_logits(flat, labels)
            : WeightedMean(binary_cross_entropy_with_logits(flat, labels, reduction: TorchSharp.torch.nn.Reduction.None), weights);
    }

    /// <summary>Binary cross-entropy of the logit against the target smoothed to t·(1 − ε) + ε/2, as <c>binary_cross_entropy_with_logits</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override float LossGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double labelSmoothing, Span<float> gradient)
    {
        int rows = labels.Length;
        float keep = (float)(1 - labelSmoothing);
        float spread = (float)(labelSmoothing / 2);
        double loss = 0;
        for (int i = 0; i < rows; i++)
        {
            float logit = outputs[i];
            float target = (labels[i] * keep) + spread;
            float share = RowShare(weights, i, rows);

            // max(z, 0) − z·t + log(1 + e^−|z|), stable for either sign of z.
            loss += share * (MathF.Max(logit, 0f) - (logit * target) + MathF.Log(1f + MathF.Exp(-MathF.Abs(logit))));
            gradient[i] = share * ((1f / (1f + MathF.Exp(-logit))) - target);
        }

        return (float)loss;
    }

    public Tensor CountCorrect(Tensor outputs, Tensor labels)
    {
        // Explicit scalars, disposed after use (see ParameterOptimizer for why implicit ones are avoided).
        using var zero = 0.0.ToScalar();
        using var half = 0.5.ToScalar();
        return outputs.squeeze(1).gt(zero).eq(labels.gt(half)).sum();
    }

    /// <summary>Rows whose logit is positive exactly when the label is above one half.</summary>
    public long CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels)
    {
        long correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            correct += (outputs[i] > 0f) == (labels[i] > 0.5f) ? 1 : 0;
        }

        return correct;
    }

    /// <summary>[1 − σ, σ] of the logit.</summary>
    public Tensor Probabilities(Tensor outputs)
    {
        using var one = 1.0.ToScalar();
        var positive = outputs.sigmoid();
        return cat([positive.neg().add_(one, one), positive], 1);
    }
}
