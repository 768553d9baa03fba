using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The update rule applied after each backward pass, written here rather than taken from <c>torch.optim</c>: the
/// TorchSharp optimizers pass numbers as implicitly created <see cref="Scalar"/>s that only the garbage collector
/// frees, and a finalizer can free one while libtorch still reads it (seen as "Expected false to be true" from
/// <c>Scalar::toFloat</c> in a long test run). Here every scalar is created explicitly and disposed after its use,
/// and every <c>add</c> passes its alpha explicitly (TorchSharp's overloads without one create an implicit 1).
/// The arithmetic is PyTorch's (L2 weight decay added to the gradient, as <c>torch.optim</c> does).
/// </summary>
internal abstract class ParameterOptimizer : IDisposable
{
    protected ParameterOptimizer(IReadOnlyList<Parameter> parameters) => Parameters = parameters;

    protected IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Clears every gradient before the next backward pass.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>Updates every parameter from its gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        BeginStep();
        foreach (var parameter in Parameters)
        {
            if (parameter.grad is { } grad)
            {
                Update(parameter, grad);
            }
        }
    }

    public abstract void Dispose();

    /// <summary>Called once per step before the parameters are updated.</summary>
    protected virtual void BeginStep()
    {
    }

    protected abstract void Update(Parameter parameter, Tensor grad);
}
