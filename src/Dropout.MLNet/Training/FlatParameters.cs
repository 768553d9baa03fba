using Dropout.MLNet.Network;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// Every parameter of a network made a view into one contiguous buffer, and every gradient a view into another, as
/// apex's fused optimizers do: an optimizer then updates all parameters with a handful of kernels over one flat tensor
/// instead of a handful per parameter, and clearing the gradients is one pass over one buffer. Autograd accumulates into a defined
/// gradient in place, so the gradients stay views of the flat buffer across steps.
/// </summary>
internal sealed class FlatParameters : IDisposable
{
    private readonly TensorMemory _values;
    private readonly TensorMemory _gradients;

    public FlatParameters(IReadOnlyList<Parameter> parameters)
    {
        long total = parameters.Sum(p => p.numel());
        var type = parameters.Count > 0 ? parameters[0].dtype : ScalarType.Float32;
        _values = new TensorMemory(empty(total, type).DetachFromDisposeScope());
        _gradients = new TensorMemory(zeros(total, type).DetachFromDisposeScope());
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long offset = 0;
        foreach (var parameter in parameters)
        {
            long count = parameter.numel();
            var value = Values.narrow(0, offset, count).view(parameter.shape);
            value.copy_(parameter);
            parameter.set_(value);
            parameter.grad = Gradients.narrow(0, offset, count).view(parameter.shape);
            offset += count;
        }
    }

    /// <summary>All parameter values, in the order given.</summary>
    public Tensor Values => _values.Tensor;

    /// <summary>All gradients, in the same order.</summary>
    public Tensor Gradients => _gradients.Tensor;

    /// <summary>The memory of <see cref="Values"/>, for updates written in managed code.</summary>
    public Span<float> ValueSpan => _values.Span;

    /// <summary>The memory of <see cref="Gradients"/>.</summary>
    public Span<float> GradientSpan => _gradients.Span;

    public void Dispose()
    {
        _values.Dispose();
        _gradients.Dispose();
    }
}
