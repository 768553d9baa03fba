using System.Runtime.CompilerServices;
using Dropout.MLNet.Network;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// One linear layer of <see cref="ExplicitBackprop"/> with what follows it (activation and dropout for a hidden layer),
/// on the memory of its parameters and gradients, and its buffers.
/// </summary>
internal sealed class ExplicitDenseLayer : IDisposable
{
    private readonly TensorMemory _weight;
    private readonly TensorMemory _bias;
    private readonly TensorMemory _weightGradient;
    private readonly TensorMemory _biasGradient;
    private readonly InvertedDropout? _dropout;
    private readonly TensorMemory _outputs;
    private readonly float[] _derivative;
    private readonly TensorMemory _gradients;
    private readonly ThreadTeam? _team;
    private readonly int _members;

    /// <summary>
    /// The layer over <paramref name="linear"/>'s parameters, for batches of up to <paramref name="batchSize"/> rows; an
    /// ensemble's output layer has <paramref name="members"/> above 1: member i's rows of a batch meet its own block of
    /// rows of the weights.
    /// </summary>
    public ExplicitDenseLayer(TorchSharp.Modules.Linear linear, int batchSize, bool hidden, InvertedDropout? dropoutAfter, ThreadTeam? team, int members = 1)
    {
        _members = members;
        _team = team;
        // New handles on the parameters' and gradients' storage (the gradients are views into the optimizer's flat buffer).
        _weight = new TensorMemory(linear.weight!.detach().DetachFromDisposeScope());
        _bias = new TensorMemory(linear.bias!.detach().DetachFromDisposeScope());
        _weightGradient = new TensorMemory(Gradient(linear.weight!));
        _biasGradient = new TensorMemory(Gradient(linear.bias!));
        _dropout = dropoutAfter;
        Inputs = (int)linear.in_features;
        Width = (int)linear.out_features / members;
        _outputs = TensorMemory.Allocate(batchSize * Width);
        _derivative = hidden ? new float[batchSize * Width] : [];
        _gradients = TensorMemory.Allocate(batchSize * Width);
    }

    public int Inputs { get; }

    /// <summary>The outputs of a row (of one member, for an ensemble's output layer).</summary>
    public int Width { get; }

    public Span<float> Outputs(int rows) => _outputs.Prefix(rows * Width);

    public Span<float> Gradients(int rows) => _gradients.Prefix(rows * Width);

    /// <summary>z = x·Wᵀ + b, then (hidden layers) activation and, in training, dropout, keeping their derivative factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> inputs, int rows, DropoutMlpActivation activation, bool training, Span<float> scratch)
    {
        var outputs = Outputs(rows);
        var bias = _bias.Span;
        if (_members > 1)
        {
            int memberRows = rows / _members;
            for (int member = 0; member < _members; member++)
            {
                var memberOutputs = outputs.Slice(member * memberRows * Width, memberRows * Width);
                Blas.Multiply(false, true, memberRows, Width, Inputs, inputs.Slice(member * memberRows * Inputs, memberRows * Inputs), Inputs,
                    _weight.Span.Slice(member * Width * Inputs, Width * Inputs), Inputs, memberOutputs, Width, _team);
                AddBias(memberOutputs, bias.Slice(member * Width, Width));
            }

            return;
        }

        Blas.Multiply(false, true, rows, Width, Inputs, inputs, Inputs, _weight.Span, Inputs, outputs, Width, _team);
        if (_derivative.Length == 0)
        {
            AddBias(outputs, bias);
            return;
        }

        var derivative = _derivative.AsSpan(0, outputs.Length);
        if (_dropout is null || !training)
        {
            derivative.Fill(1f);
        }
        else
        {
            _dropout.FillMask(derivative);
        }

        HiddenActivation.Apply(activation, outputs, bias, derivative, scratch);
    }

    /// <summary>
    /// From the gradient with respect to this layer's pre-activations: its weights' and bias's gradients, and the
    /// gradient with respect to the previous layer's pre-activations (when there is one) or to this layer's inputs
    /// (into <paramref name="inputGradients"/>, when given: an embedding's outputs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> inputs, int rows, ExplicitDenseLayer? previous, Span<float> inputGradients = default)
    {
        var gradients = Gradients(rows);
        int memberRows = rows / _members;
        var previousGradients = previous is not null ? previous.Gradients(rows) : inputGradients;
        for (int member = 0; member < _members; member++)
        {
            // One block of rows and weights a member (the whole layer otherwise).
            var memberGradients = gradients.Slice(member * memberRows * Width, memberRows * Width);
            var memberInputs = inputs.Slice(member * memberRows * Inputs, memberRows * Inputs);
            var weight = _weight.Span.Slice(member * Width * Inputs, Width * Inputs);
            Blas.Multiply(true, false, Width, Inputs, memberRows, memberGradients, Width, memberInputs, Inputs,
                _weightGradient.Span.Slice(member * Width * Inputs, Width * Inputs), Inputs, _team);

            var biasGradient = _biasGradient.Span.Slice(member * Width, Width);
            memberGradients[..Width].CopyTo(biasGradient);
            for (int start = Width; start < memberGradients.Length; start += Width)
            {
                ElementWise.Add(biasGradient, memberGradients.Slice(start, Width), biasGradient);
            }

            if (!previousGradients.IsEmpty)
            {
                Blas.Multiply(false, false, memberRows, Inputs, Width, memberGradients, Width, weight, Inputs,
                    previousGradients.Slice(member * memberRows * Inputs, memberRows * Inputs), Inputs, _team);
            }
        }

        if (previous is not null)
        {
            ElementWise.Multiply(previousGradients, previous._derivative.AsSpan(0, previousGradients.Length), previousGradients);
        }
    }

    private void AddBias(Span<float> outputs, ReadOnlySpan<float> bias)
    {
        for (int start = 0; start < outputs.Length; start += Width)
        {
            ElementWise.Add(outputs.Slice(start, Width), bias, outputs.Slice(start, Width));
        }
    }

    public void Dispose()
    {
        _weight.Dispose();
        _bias.Dispose();
        _weightGradient.Dispose();
        _biasGradient.Dispose();
        _outputs.Dispose();
        _gradients.Dispose();
    }

    private static Tensor Gradient(Tensor parameter) =>
        parameter.grad?.DetachFromDisposeScope() ?? throw new InvalidOperationException("The layer's gradient is not allocated; create the optimizer first.");
}
