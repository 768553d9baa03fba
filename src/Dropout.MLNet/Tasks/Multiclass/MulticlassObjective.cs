using System.Runtime.CompilerServices;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dropout.MLNet.Tasks.Multiclass;

/// <summary>One logit per class, trained on the cross-entropy of their softmax.</summary>
internal sealed class MulticlassObjective : TaskObjective, IClassOutputs
{
    public override IClassOutputs Classes => this;

    public override Network.NetworkOutput Output => Network.NetworkOutput.ClassLogits;

    public override int OutputSize(ClassSet classes) => classes.Count;

    public override Tensor LabelTensor(float[] targets)
    {
        var indices = new long[targets.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = (long)targets[i];
        }

        return tensor(indices);
    }

    public override Tensor Loss(Tensor outputs, Tensor labels, Tensor? weights, double labelSmoothing = 0) =>
        weights is null
            ? cross_entropy(outputs, labels, label_smoothing: labelSmoothing)
            : WeightedMean(cross_entropy(outputs, labels, reduction: TorchSharp.torch.nn.Reduction.None, label_smoothing: labelSmoothing), weights);

    /// <summary>Cross-entropy against targets smoothed to (1 − ε)·one-hot + ε/classes, as <c>cross_entropy</c> with <c>label_smoothing</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override float LossGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double labelSmoothing, Span<float> gradient)
    {
        int rows = labels.Length;
        int classes = outputs.Length / rows;
        float keep = (float)(1 - labelSmoothing);
        float spread = (float)(labelSmoothing / classes);
        double loss = 0;
        for (int i = 0; i < rows; i++)
        {
            var logits = outputs.Slice(i * classes, classes);
            var rowGradient = gradient.Slice(i * classes, classes);
            float max = float.NegativeInfinity;
            float logitSum = 0f;
            foreach (float logit in logits)
            {
                max = MathF.Max(max, logit);
                logitSum += logit;
            }

            float expSum = 0f;
            for (int c = 0; c < classes; c++)
            {
                rowGradient[c] = MathF.Exp(logits[c] - max);
                expSum += rowGradient[c];
            }

            // −Σ q·log softmax = log Σ exp − Σ q·logit.
            int label = (int)labels[i];
            float share = RowShare(weights, i, rows);
            loss += share * ((double)max + Math.Log(expSum) - (keep * logits[label]) - (spread * logitSum));
            for (int c = 0; c < classes; c++)
            {
                rowGradient[c] = share * ((rowGradient[c] / expSum) - spread);
            }

            rowGradient[label] -= share * keep;
        }

        return (float)loss;
    }

    public Tensor CountCorrect(Tensor outputs, Tensor labels) => outputs.argmax(1).eq(labels).sum();

    /// <summary>Rows whose first largest logit is the label's, as <c>argmax</c>.</summary>
    public long CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels)
    {
        int classes = outputs.Length / labels.Length;
        long correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var logits = outputs.Slice(i * classes, classes);
            int predicted = 0;
            for (int c = 1; c < classes; c++)
            {
                predicted = logits[c] > logits[predicted] ? c : predicted;
            }

            correct += predicted == (int)labels[i] ? 1 : 0;
        }

        return correct;
    }

    public Tensor Probabilities(Tensor outputs) => outputs.softmax(1);
}
