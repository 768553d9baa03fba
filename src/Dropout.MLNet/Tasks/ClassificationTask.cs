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

    /// <summary>The mean (weighted) loss of a batch, with the targets smoothed by <paramref name="labelSmoothing"/> (0 for the plain loss).</summary>
    public abstract Tensor Loss(Tensor logits, Tensor labels, Tensor? weights, double labelSmoothing = 0);

    /// <summary>The number of rows whose predicted class equals the label, as a scalar tensor.</summary>
    public abstract Tensor CountCorrect(Tensor logits, Tensor labels);

    /// <summary>Reads the Score column of scored rows, flattened row by row: one value per network output.</summary>
    public abstract float[] ReadScores(IDataView scored);

    /// <summary>How far one row's scores are from the network's logits for it, relative to the logits' size (see <see cref="Scoring.LogitDifference"/>).</summary>
    public abstract double ScoreDifference(ReadOnlySpan<float> logits, ReadOnlySpan<float> scores);

    /// <summary>Fits ML.NET's prediction transformer for this task over the vector column <paramref name="headColumn"/>.</summary>
    public abstract NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn);

    /// <summary>The estimator's output schema: the input with the scored columns added (or replaced).</summary>
    public abstract SchemaShape AppendOutputColumns(SchemaShape input, SchemaShape.Column label);

    /// <summary>
    /// The mean of per-row losses times the rows' weights, which the trainer has divided by the data's mean weight: over
    /// the whole data this is the weighted mean, and each row counts in proportion to its weight in every batch.
    /// </summary>
    protected static Tensor WeightedMean(Tensor losses, Tensor? weights) => weights is null ? losses.mean() : (losses * weights).mean();

    /// <summary>
    /// Synthetic rows for the head: for each class, two points along one axis (sparse, so that fitting a head of k classes
    /// costs O(k²) per iteration rather than O(k³)), so every weight is well determined.
    /// </summary>
    protected static IEnumerable<(int Class, int Slot, float Value)> AxisRows(int classes, Func<int, (int Slot, float Value)> point) =>
        Enumerable.Range(0, classes).Select(c => (Class: c, Point: point(c)))
            .SelectMany(p => new[] { (p.Class, p.Point.Slot, p.Point.Value), (p.Class, p.Point.Slot, p.Point.Value * 2) });
}
