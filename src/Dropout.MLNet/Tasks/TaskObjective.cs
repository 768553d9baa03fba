using static TorchSharp.torch;

namespace Dropout.MLNet.Tasks;

/// <summary>A task's side of the network: its number of outputs, the label tensor and the loss it is trained on.</summary>
internal abstract class TaskObjective
{
    /// <summary>The class side of outputs that are logits of classes; <see langword="null"/> for a task that predicts values.</summary>
    public virtual IClassOutputs? Classes => null;

    /// <summary>What the network's outputs are, which says how an ensemble's members are averaged.</summary>
    public virtual Network.NetworkOutput Output => Network.NetworkOutput.Values;

    /// <summary>Whether the network learns the label standardized (a value), the scale folded back into its output layer after training.</summary>
    public virtual bool StandardizesLabels => false;

    /// <summary>The number of network outputs for the given classes.</summary>
    public abstract int OutputSize(ClassSet classes);

    /// <summary>The label tensor the loss expects, made from the rows' targets (an array the caller gives up).</summary>
    public abstract Tensor LabelTensor(float[] targets);

    /// <summary>The mean (weighted) loss of a batch, with the targets smoothed by <paramref name="labelSmoothing"/> (0 for the plain loss).</summary>
    public abstract Tensor Loss(Tensor outputs, Tensor labels, Tensor? weights, double labelSmoothing = 0);

    /// <summary>
    /// <see cref="Loss"/> of a batch held in managed memory (outputs row-major, one target and, unless
    /// <paramref name="weights"/> is empty, one weight per row), with its gradient with respect to the outputs written into
    /// <paramref name="gradient"/>: where a hand-written backward pass starts.
    /// </summary>
    public abstract float LossGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double labelSmoothing, Span<float> gradient);

    /// <summary>
    /// The mean of per-row losses times the rows' weights, which the trainer has divided by the data's mean weight: over
    /// the whole data this is the weighted mean, and each row counts in proportion to its weight in every batch.
    /// </summary>
    protected static Tensor WeightedMean(Tensor losses, Tensor? weights) => weights is null ? losses.mean() : (losses * weights).mean();

    /// <summary>What row <paramref name="row"/> counts for in the mean of <see cref="WeightedMean"/> over <paramref name="rows"/> rows.</summary>
    protected static float RowShare(ReadOnlySpan<float> weights, int row, int rows) => (weights.IsEmpty ? 1f : weights[row]) / rows;
}
