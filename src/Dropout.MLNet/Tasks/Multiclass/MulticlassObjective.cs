using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dropout.MLNet.Tasks.Multiclass;

/// <summary>One logit per class, trained on the cross-entropy of their softmax.</summary>
internal sealed class MulticlassObjective : TaskObjective, IClassOutputs
{
    public override IClassOutputs Classes => this;

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

    public Tensor CountCorrect(Tensor outputs, Tensor labels) => outputs.argmax(1).eq(labels).sum();

    public Tensor Probabilities(Tensor outputs) => outputs.softmax(1);
}
