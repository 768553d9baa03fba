using TorchSharp;
using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// What differs between binary and multiclass classification: the label's type, the number of outputs, the loss,
/// and ML.NET's own prediction transformer that turns the network's logits into scored columns.
/// </summary>
internal abstract class ClassificationTask
{
    /// <summary>The task's name in messages ("multiclass classification").</summary>
    public abstract string Name { get; }

    /// <summary>Checks the label column's type and returns its classes, or throws an error that says how to fix it.</summary>
    public abstract ClassSet DescribeClasses(DataViewSchema.Column label);

    /// <summary>Checks the label column's shape at pipeline-construction time.</summary>
    public abstract void CheckLabel(SchemaShape.Column label);

    /// <summary>Returns a getter of the current row's class index, or -1 when the label is missing.</summary>
    public abstract Func<long> CreateLabelGetter(DataViewRow row, DataViewSchema.Column label);

    /// <summary>The number of network outputs for the given classes.</summary>
    public abstract int OutputSize(ClassSet classes);

    /// <summary>The label tensor the loss expects, made from class indices.</summary>
    public abstract Tensor LabelTensor(long[] classIndices);

    /// <summary>The mean (weighted) loss of a batch.</summary>
    public abstract Tensor Loss(Tensor logits, Tensor labels, Tensor? weights);

    /// <summary>The number of rows whose predicted class equals the label, as a scalar tensor.</summary>
    public abstract Tensor CountCorrect(Tensor logits, Tensor labels);

    /// <summary>The probabilities the scorer reports for a batch: [rows, classes] for multiclass, [rows] for binary.</summary>
    public abstract Tensor Probabilities(Tensor logits);

    /// <summary>Reads, from scored rows, the same probabilities as <see cref="Probabilities"/>, flattened row by row.</summary>
    public abstract float[] ReadProbabilities(IDataView scored);

    /// <summary>Fits ML.NET's prediction transformer for this task over the vector column <paramref name="headColumn"/>.</summary>
    public abstract NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn);

    /// <summary>The estimator's output schema: the input with the scored columns added (or replaced).</summary>
    public abstract SchemaShape AppendOutputColumns(SchemaShape input, SchemaShape.Column label);

    /// <summary>The weighted mean of per-row losses.</summary>
    protected static Tensor WeightedMean(Tensor losses, Tensor? weights)
    {
        if (weights is null)
        {
            return losses.mean();
        }

        using var floor = 1e-12.ToScalar();
        return (losses * weights).sum() / weights.sum().clamp_min(floor);
    }

    /// <summary>Synthetic rows for the head: for each class, two points along its own axis, so every weight is well determined.</summary>
    protected static IEnumerable<(int Class, float[] Features)> AxisRows(int classes, Func<int, float[]> point) =>
        Enumerable.Range(0, classes).SelectMany(c => new[] { (c, point(c)), (c, point(c).Select(v => v * 2).ToArray()) });
}
