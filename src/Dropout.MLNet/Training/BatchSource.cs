using Dropout.MLNet.Data;
using Dropout.MLNet.Tasks;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// A set of rows copied once into native tensors, from which batches are gathered by index (no per-row work).
/// </summary>
internal sealed class BatchSource : IDisposable
{
    private readonly Tensor _features;
    private readonly Tensor _labels;
    private readonly Tensor? _weights;

    private BatchSource(Tensor features, Tensor labels, Tensor? weights, long count)
    {
        _features = features;
        _labels = labels;
        _weights = weights;
        Count = count;
    }

    public long Count { get; }

    public static BatchSource Create(TrainingRows rows, ClassificationTask task) =>
        new(
            tensor(rows.Features, [rows.Count, rows.FeatureCount]),
            task.LabelTensor(rows.Labels),
            rows.Weights is null ? null : tensor(rows.Weights),
            rows.Count);

    public (Tensor Features, Tensor Labels, Tensor? Weights) Gather(Tensor rows) =>
        (_features.index_select(0, rows), _labels.index_select(0, rows), _weights?.index_select(0, rows));

    public (Tensor Features, Tensor Labels, Tensor? Weights) Slice(long start, long length) =>
        (_features.narrow(0, start, length), _labels.narrow(0, start, length), _weights?.narrow(0, start, length));

    public void Dispose()
    {
        _features.Dispose();
        _labels.Dispose();
        _weights?.Dispose();
    }
}
