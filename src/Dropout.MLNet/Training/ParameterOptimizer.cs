using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The update rule applied after each backward pass, over <see cref="FlatParameters"/>: one flat tensor of values and
/// one of gradients, so a step is a handful of kernels whatever the number of layers. Written here rather than taken
/// from <c>torch.optim</c>: the TorchSharp optimizers pass numbers as implicitly created <see cref="Scalar"/>s that only
/// the garbage collector frees, and a finalizer can free one while libtorch still reads it (seen as "Expected false to
/// be true" from <c>Scalar::toFloat</c> in a long test run). Here every scalar is created explicitly and disposed after
/// its use, and every <c>add</c> passes its alpha explicitly (TorchSharp's overloads without one create an implicit 1).
/// The arithmetic is PyTorch's (L2 weight decay added to the gradient, as <c>torch.optim</c> does).
/// </summary>
internal abstract class ParameterOptimizer : IDisposable
{
    protected ParameterOptimizer(IReadOnlyList<Parameter> parameters) => Flat = new FlatParameters(parameters);

    /// <summary>Every parameter and gradient, flat.</summary>
    protected FlatParameters Flat { get; }

    /// <summary>The number of values of all parameters together.</summary>
    protected int ParameterCount => Flat.ValueSpan.Length;

    /// <summary>What the learning rate is multiplied by from the next step on (a schedule's factor); 1 to begin with.</summary>
    public double LearningRateFactor { get; set; } = 1;

    /// <summary>Clears every gradient before the next backward pass.</summary>
    public void ZeroGrad() => Flat.GradientSpan.Clear();

    /// <summary>Updates every parameter in place from its gradient.</summary>
    public abstract void Step();

    public virtual void Dispose() => Flat.Dispose();

    /// <summary>A tensor of zeros shaped as the flat parameters, kept across steps (optimizer state).</summary>
    protected Tensor StateBuffer() => zeros_like(Flat.Values).DetachFromDisposeScope();
}
