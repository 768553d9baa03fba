using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dropout.MLNet.Data;
using Dropout.MLNet.Tasks;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The rows a loop trains or evaluates on, kept in the managed arrays they were read into; each batch is copied row
/// by row straight into the memory of a new tensor (a memory copy per row, no per-element work, no second copy of
/// the whole set in native memory).
/// </summary>
internal sealed class BatchSource
{
    private readonly TrainingRows _rows;
    private readonly TaskObjective _objective;

    public BatchSource(TrainingRows rows, TaskObjective objective)
    {
        _rows = rows;
        _objective = objective;
    }

    public long Count => _rows.Count;

    /// <summary>Whether the rows have example weights.</summary>
    public bool HasWeights => _rows.HasWeights;

    /// <summary>The rows at the given positions, in that order.</summary>
    public (Tensor Features, Tensor Labels, Tensor? Weights) Gather(ReadOnlySpan<long> positions)
    {
        var features = empty(positions.Length, _rows.FeatureCount);
        var labels = new float[positions.Length];
        var weights = _rows.HasWeights ? new float[positions.Length] : null;
        GatherInto(positions, MemoryMarshal.Cast<byte, float>(features.bytes), labels, weights);
        return (features, _objective.LabelTensor(labels), weights is null ? null : tensor(weights));
    }

    /// <summary>Copies the rows at the given positions, in that order, into the given memory (weights only when the rows have them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GatherInto(ReadOnlySpan<long> positions, Span<float> features, Span<float> labels, Span<float> weights)
    {
        int width = _rows.FeatureCount;
        var sourceFeatures = _rows.Features;
        var sourceLabels = _rows.Labels;
        var sourceWeights = _rows.Weights;
        for (int i = 0; i < positions.Length; i++)
        {
            int row = checked((int)positions[i]);
            sourceFeatures.Slice(row * width, width).CopyTo(features.Slice(i * width, width));
            labels[i] = sourceLabels[row];
            if (_rows.HasWeights)
            {
                weights[i] = sourceWeights[row];
            }
        }
    }

    /// <summary>The rows from <paramref name="start"/> on, in their stored order.</summary>
    public (Tensor Features, Tensor Labels, Tensor? Weights) Slice(long start, long length)
    {
        int width = _rows.FeatureCount;
        var features = empty(length, width);
        _rows.Features.Slice(checked((int)(start * width)), checked((int)(length * width))).CopyTo(MemoryMarshal.Cast<byte, float>(features.bytes));
        var labels = _objective.LabelTensor(_rows.Labels.Slice((int)start, (int)length).ToArray());
        var weights = _rows.HasWeights ? tensor(_rows.Weights.Slice((int)start, (int)length).ToArray()) : null;
        return (features, labels, weights);
    }
}
