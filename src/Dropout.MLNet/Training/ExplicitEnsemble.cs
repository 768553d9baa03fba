using System.Runtime.CompilerServices;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The start of an <see cref="EnsembleInput"/> written out by hand for <see cref="ExplicitBackprop"/>: a batch's rows
/// [rows, n] become each member's, [k·rows, n], member after member (row j of member i is u_j ∘ r_i); backward, the
/// members' scales get Σ_j g_ij ∘ u_j and, when something before the ensemble learns, the rows get Σ_i g_ij ∘ r_i.
/// </summary>
internal sealed class ExplicitEnsemble : IDisposable
{
    private readonly int _inputs;
    private readonly TensorMemory _scales;
    private readonly TensorMemory _scalesGradient;
    private readonly TensorMemory _memberInputs;
    private readonly TensorMemory _memberGradients;
    private readonly float[] _product;

    public ExplicitEnsemble(EnsembleInput ensemble, int inputs, int batchSize)
    {
        Members = ensemble.Members;
        _inputs = inputs;
        _scales = new TensorMemory(ensemble.Scales.detach().DetachFromDisposeScope());
        _scalesGradient = new TensorMemory(ensemble.Scales.grad?.DetachFromDisposeScope()
            ?? throw new InvalidOperationException("The ensemble's gradient is not allocated; create the optimizer first."));
        _memberInputs = TensorMemory.Allocate(batchSize * Members * inputs);
        _memberGradients = TensorMemory.Allocate(batchSize * Members * inputs);
        _product = new float[inputs];
    }

    public int Members { get; }

    /// <summary>The members' rows of the last <see cref="Forward"/>, [k·rows, n].</summary>
    public Span<float> MemberInputs(int rows) => _memberInputs.Prefix(rows * Members * _inputs);

    /// <summary>The buffer the first layer writes the gradient with respect to <see cref="MemberInputs"/> into.</summary>
    public Span<float> MemberGradients(int rows) => _memberGradients.Prefix(rows * Members * _inputs);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> inputs, int rows)
    {
        var scales = _scales.Span;
        var members = MemberInputs(rows);
        for (int member = 0; member < Members; member++)
        {
            var scale = scales.Slice(member * _inputs, _inputs);
            for (int row = 0; row < rows; row++)
            {
                ElementWise.Multiply(inputs.Slice(row * _inputs, _inputs), scale, members.Slice(((member * rows) + row) * _inputs, _inputs));
            }
        }
    }

    /// <summary>
    /// The scales' gradient (replacing what it held) from <see cref="MemberGradients"/>, for rows <paramref name="inputs"/>;
    /// and, unless <paramref name="inputGradients"/> is empty, the gradient with respect to the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> inputs, int rows, Span<float> inputGradients)
    {
        var scales = _scales.Span;
        var scalesGradient = _scalesGradient.Span;
        var gradients = MemberGradients(rows);
        scalesGradient.Clear();
        inputGradients.Clear();
        for (int member = 0; member < Members; member++)
        {
            var scale = scales.Slice(member * _inputs, _inputs);
            var scaleGradient = scalesGradient.Slice(member * _inputs, _inputs);
            for (int row = 0; row < rows; row++)
            {
                var gradient = gradients.Slice(((member * rows) + row) * _inputs, _inputs);
                ElementWise.Multiply(gradient, inputs.Slice(row * _inputs, _inputs), _product);
                ElementWise.Add(scaleGradient, _product, scaleGradient);
                if (!inputGradients.IsEmpty)
                {
                    var inputGradient = inputGradients.Slice(row * _inputs, _inputs);
                    ElementWise.Multiply(gradient, scale, _product);
                    ElementWise.Add(inputGradient, _product, inputGradient);
                }
            }
        }
    }

    /// <summary>Copies the first <paramref name="rows"/> values of <paramref name="values"/> after themselves for every other member.</summary>
    public void Repeat(Span<float> values, int rows)
    {
        for (int member = 1; member < Members; member++)
        {
            values[..rows].CopyTo(values.Slice(member * rows, rows));
        }
    }

    public void Dispose()
    {
        _scales.Dispose();
        _scalesGradient.Dispose();
        _memberInputs.Dispose();
        _memberGradients.Dispose();
    }
}
