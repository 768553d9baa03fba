using System.Runtime.CompilerServices;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The gradient of a batch's loss written out by hand on the memory of the network's parameters and gradients: each
/// layer is one matrix product forward (<see cref="Blas"/>) and one pass for bias, activation and dropout
/// (<see cref="HiddenActivation"/>), the loss gradient comes from the task, and each layer backward is two products and
/// a column sum, into buffers kept across batches. Through autograd the same step was about sixty libtorch calls, each
/// with its handles and allocations, for a tabular batch whose arithmetic takes tens of microseconds. The dropout masks
/// come from the network's own modules in the order its forward pass draws them, so a seed trains the same network
/// either way. A <see cref="PeriodicEmbedding"/> and a <see cref="CategoryEmbedding"/> have their own passes
/// (<see cref="ExplicitPeriodicEmbedding"/>, <see cref="ExplicitCategoryEmbedding"/>).
/// <see cref="TryCreate"/> gives none for networks this does not cover (DropConnect, Gaussian and alpha dropout, GELU, or
/// a libtorch without an exported sgemm), which train through autograd.
/// </summary>
/// <remarks>
/// The managed loops of a step (here, in the activations, masks, batch copy, loss gradients, matrix products and Adam)
/// are compiled optimized at their first call (<see cref="MethodImplOptions.AggressiveOptimization"/>): under tiered
/// compilation they stayed unoptimized for whole epochs of a short fit, the activation pass six times slower. For the
/// same reason the element-wise sums and products are <see cref="ElementWise"/>'s, not <c>TensorPrimitives</c>'.
/// </remarks>
internal sealed class ExplicitBackprop : IDisposable
{
    private readonly TaskObjective _objective;
    private readonly DropoutMlpActivation _activation;
    private readonly InvertedDropout? _inputDropout;
    private readonly ExplicitPeriodicEmbedding? _embedding;
    private readonly ExplicitCategoryEmbedding? _categories;
    private readonly TensorMemory? _embeddingGradients;
    private readonly ExplicitEnsemble? _ensemble;
    private readonly NetworkOutput _output;
    private readonly int _members;
    private readonly float[] _averaged;
    private readonly TensorMemory? _scale;
    private readonly TensorMemory? _scaleGradient;
    private readonly TensorMemory? _scaled;
    private readonly TensorMemory? _firstInputGradients;
    private readonly float[] _rowProduct;
    private readonly ExplicitDenseLayer[] _layers;
    private readonly int _inputSize;
    private readonly TensorMemory _inputs;
    private readonly float[] _inputMask;
    private readonly float[] _labels;
    private readonly float[] _weights;
    private readonly float[] _scratch;

    private ExplicitBackprop(MlpNetwork network, TaskObjective objective, int batchSize, ThreadTeam? team)
    {
        _objective = objective;
        _activation = network.Spec.Activation;
        _inputDropout = network.DropoutBefore(0) as InvertedDropout;
        int firstInputs = network.Spec.FirstLayerInputs;
        if (network.Embedding is { } embedding)
        {
            _embedding = new ExplicitPeriodicEmbedding(embedding, network.Spec, batchSize);
        }

        if (network.Categories is { } categories)
        {
            _categories = new ExplicitCategoryEmbedding(categories, network.Spec, batchSize);
            // The periodic embedding's outputs, when both: the categories pass its gradient back at their places.
            _embeddingGradients = _embedding is null ? null : TensorMemory.Allocate(batchSize * network.Spec.NetworkInputs);
        }

        if (network.Scaling is { } scaling)
        {
            _scale = new TensorMemory(scaling.Scale.detach().DetachFromDisposeScope());
            _scaleGradient = new TensorMemory(scaling.Scale.grad?.DetachFromDisposeScope()
                ?? throw new InvalidOperationException("The scaling layer's gradient is not allocated; create the optimizer first."));
            _scaled = TensorMemory.Allocate(batchSize * firstInputs);
        }

        _firstInputGradients = _embedding is null && _categories is null && _scale is null ? null : TensorMemory.Allocate(batchSize * firstInputs);
        _rowProduct = new float[_scale is null ? 0 : firstInputs];

        // An ensemble's members run as one batch of k·rows rows from its first layer on.
        _members = network.Spec.EnsembleSize;
        _output = network.Spec.Output;
        _ensemble = network.Ensemble is { } ensemble ? new ExplicitEnsemble(ensemble, firstInputs, batchSize) : null;
        _averaged = _ensemble is null ? [] : new float[batchSize * network.Spec.OutputSize];
        _layers = network.Linears
            .Select((linear, layer) => layer + 1 < network.Linears.Count
                ? new ExplicitDenseLayer(linear, batchSize * _members, hidden: true, network.DropoutBefore(layer + 1) as InvertedDropout, team)
                : new ExplicitDenseLayer(linear, batchSize * _members, hidden: false, dropoutAfter: null, team, _members))
            .ToArray();
        _inputSize = network.Spec.InputSize;
        _inputs = TensorMemory.Allocate(batchSize * _inputSize);
        _inputMask = _inputDropout is null ? [] : new float[batchSize * _inputSize];
        _labels = new float[batchSize * _members];
        _weights = new float[batchSize * _members];
        _scratch = new float[network.Spec.HiddenLayerSizes.DefaultIfEmpty(0).Max()];
    }

    /// <summary>
    /// The hand-written step for <paramref name="network"/>, whose gradients must already be in place (an optimizer made
    /// over its parameters), or <see langword="null"/> when the network needs autograd. <paramref name="team"/> shares the
    /// large matrix products.
    /// </summary>
    public static ExplicitBackprop? TryCreate(MlpNetwork network, TaskObjective objective, int batchSize, ThreadTeam? team = null)
    {
        var spec = network.Spec;
        bool standardDropout = Enumerable.Range(0, spec.HiddenLayerSizes.Count + 1)
            .All(layer => spec.RateBefore(layer) == 0f || network.DropoutBefore(layer) is InvertedDropout);

        // A batch's widest buffer must be addressable by a span (a batch of millions of wide rows is left to autograd).
        long widest = (long)batchSize * spec.EnsembleSize * spec.LinearShapes().Max(shape => Math.Max(shape.Inputs, shape.Outputs));
        return standardDropout && HiddenActivation.Supports(spec.Activation) && widest <= Array.MaxLength && Blas.IsAvailable
            ? new ExplicitBackprop(network, objective, batchSize, team)
            : null;
    }

    /// <summary>
    /// Writes the gradient of the loss of the rows at <paramref name="positions"/> into the network's gradients (replacing
    /// what they held) and returns that loss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float ComputeGradients(BatchSource data, ReadOnlySpan<long> positions, double labelSmoothing)
    {
        int rows = positions.Length;
        int total = rows * _members;
        Forward(data, positions, training: true);
        // An ensemble's loss is the mean over its members' rows, each against the row's label.
        float loss = _objective.LossGradient(_layers[^1].Outputs(total), _labels.AsSpan(0, total), Weights(data, total), labelSmoothing, _layers[^1].Gradients(total));
        for (int layer = _layers.Length - 1; layer > 0; layer--)
        {
            _layers[layer].Backward(_layers[layer - 1].Outputs(total), total, _layers[layer - 1]);
        }

        var inputs = _inputs.Prefix(rows * _inputSize);
        if (_firstInputGradients is null && _ensemble is null)
        {
            _layers[0].Backward(inputs, rows, previous: null);
            return loss;
        }

        // The first layer's inputs: the features or their embeddings, then (with a scaling layer) scaled.
        int width = _layers[0].Inputs;
        ReadOnlySpan<float> embedded = _embedding is null ? inputs : _embedding.Outputs(rows);
        ReadOnlySpan<float> unscaled = _categories is null ? embedded : _categories.Outputs(rows);
        ReadOnlySpan<float> firstInputs = _scaled is null ? unscaled : _scaled.Prefix(rows * width);
        var gradients = _firstInputGradients is null ? default : _firstInputGradients.Prefix(rows * width);
        if (_ensemble is null)
        {
            _layers[0].Backward(firstInputs, rows, previous: null, gradients);
        }
        else
        {
            _layers[0].Backward(_ensemble.MemberInputs(rows), total, previous: null, _ensemble.MemberGradients(rows));
            _ensemble.Backward(firstInputs, rows, gradients);
            if (gradients.IsEmpty)
            {
                return loss;
            }
        }

        if (_scale is not null)
        {
            // d loss/d s_j = Σ_rows g_j·u_j; and the gradient reaching the embedding is g·s.
            var scale = _scale.Span;
            var scaleGradient = _scaleGradient!.Span;
            scaleGradient.Clear();
            for (int start = 0; start < gradients.Length; start += width)
            {
                ElementWise.Multiply(gradients.Slice(start, width), unscaled.Slice(start, width), _rowProduct);
                ElementWise.Add(scaleGradient, _rowProduct, scaleGradient);
                if (_embedding is not null || _categories is not null)
                {
                    ElementWise.Multiply(gradients.Slice(start, width), scale, gradients.Slice(start, width));
                }
            }
        }

        if (_categories is not null)
        {
            var embeddingGradients = _embeddingGradients is null ? default : _embeddingGradients.Prefix(rows * _embedding!.Width);
            _categories.Backward(gradients, rows, embeddingGradients);
            _embedding?.Backward(inputs, embeddingGradients, rows);
            return loss;
        }

        _embedding?.Backward(inputs, gradients, rows);

        return loss;
    }

    /// <summary>
    /// The mean loss (without label smoothing) and, for classes, the accuracy over all of <paramref name="data"/> in
    /// evaluation mode, as the training loop measures them through libtorch, a batch at a time through the same buffers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (float? Loss, float? Accuracy) Evaluate(BatchSource data)
    {
        var positions = new long[_labels.Length / _members];
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < data.Count; start += positions.Length)
        {
            int rows = (int)Math.Min(positions.Length, data.Count - start);
            for (int i = 0; i < rows; i++)
            {
                positions[i] = start + i;
            }

            Forward(data, positions.AsSpan(0, rows), training: false);
            ReadOnlySpan<float> outputs = _layers[^1].Outputs(rows * _members);
            if (_ensemble is not null)
            {
                var averaged = _averaged.AsSpan(0, outputs.Length / _members);
                EnsembleAverage.Of(outputs, _members, _output, averaged, averaged.Length / rows);
                outputs = averaged;
            }

            var labels = _labels.AsSpan(0, rows);
            lossSum += _objective.LossGradient(outputs, labels, Weights(data, rows), 0, _layers[^1].Gradients(rows)) * (double)rows;
            correct += _objective.Classes?.CountCorrect(outputs, labels) ?? 0;
        }

        return ((float)(lossSum / data.Count), _objective.Classes is null ? null : (float)correct / data.Count);
    }

    /// <summary>
    /// Copies the rows at <paramref name="positions"/> with their labels and weights into the buffers and computes the
    /// network's outputs, in training mode (dropout) or not, into the last layer's.
    /// </summary>
    private void Forward(BatchSource data, ReadOnlySpan<long> positions, bool training)
    {
        int rows = positions.Length;
        var inputs = _inputs.Prefix(rows * _inputSize);
        data.GatherInto(positions, inputs, _labels.AsSpan(0, rows), Weights(data, rows));
        if (_ensemble is not null)
        {
            _ensemble.Repeat(_labels, rows);
            if (data.HasWeights)
            {
                _ensemble.Repeat(_weights, rows);
            }
        }

        if (training && _inputDropout is not null)
        {
            var mask = _inputMask.AsSpan(0, inputs.Length);
            _inputDropout.FillMask(mask);
            ElementWise.Multiply(inputs, mask, inputs);
        }

        ReadOnlySpan<float> layerInput = inputs;
        if (_embedding is not null)
        {
            _embedding.Forward(inputs, rows);
            layerInput = _embedding.Outputs(rows);
        }

        if (_categories is not null)
        {
            _categories.Forward(layerInput, rows);
            layerInput = _categories.Outputs(rows);
        }

        if (_scaled is not null)
        {
            int width = _layers[0].Inputs;
            var scaled = _scaled.Prefix(rows * width);
            for (int start = 0; start < scaled.Length; start += width)
            {
                ElementWise.Multiply(layerInput.Slice(start, width), _scale!.Span, scaled.Slice(start, width));
            }

            layerInput = scaled;
        }

        if (_ensemble is not null)
        {
            _ensemble.Forward(layerInput, rows);
            layerInput = _ensemble.MemberInputs(rows);
        }

        int total = rows * _members;
        foreach (var layer in _layers)
        {
            layer.Forward(layerInput, total, _activation, training, _scratch);
            layerInput = layer.Outputs(total);
        }
    }

    /// <summary>The weights buffer of a batch of <paramref name="rows"/>, empty for unweighted data.</summary>
    private Span<float> Weights(BatchSource data, int rows) => data.HasWeights ? _weights.AsSpan(0, rows) : [];

    public void Dispose()
    {
        _inputs.Dispose();
        _embedding?.Dispose();
        _categories?.Dispose();
        _embeddingGradients?.Dispose();
        _ensemble?.Dispose();
        _scale?.Dispose();
        _scaleGradient?.Dispose();
        _scaled?.Dispose();
        _firstInputGradients?.Dispose();
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }
    }
}
