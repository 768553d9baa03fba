using TorchSharp;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Dropout.MLNet.Data;
using Dropout.MLNet.Scoring;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// One logit; scored by ML.NET's logistic-regression prediction transformer: Score is the logit, Probability its
/// sigmoid (a Platt calibrator of slope -1), PredictedLabel whether the logit is positive.
/// </summary>
internal sealed class BinaryTask : ClassificationTask
{
    public static BinaryTask Instance { get; } = new();

    public override string Name => "binary classification";

    public override ClassSet DescribeClasses(DataViewSchema.Column label)
    {
        if (label.Type is not BooleanDataViewType)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be Boolean for {Name}, but it is {label.Type}. Load the label as bool, "
                + "or use mlContext.MulticlassClassification.Trainers.DropoutMlp with a key-typed label.");
        }

        return new ClassSet<bool>([false, true]);
    }

    public override void CheckLabel(SchemaShape.Column label)
    {
        if (label.ItemType is not BooleanDataViewType || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be Boolean for {Name}, but it is {label.Describe()}. Load the label as bool, "
                + "or use mlContext.MulticlassClassification.Trainers.DropoutMlp with a key-typed label.");
        }
    }

    public override Func<long> CreateLabelGetter(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<bool>(label);
        bool value = false;
        return () =>
        {
            getter(ref value);
            return value ? 1 : 0;
        };
    }

    public override int OutputSize(ClassSet classes) => 1;

    public override Tensor LabelTensor(long[] classIndices) => tensor(classIndices.Select(c => (float)c).ToArray());

    public override Tensor Loss(Tensor logits, Tensor labels, Tensor? weights, double labelSmoothing = 0)
    {
        var flat = logits.squeeze(1);
        if (labelSmoothing > 0)
        {
            using var keep = (1 - labelSmoothing).ToScalar();
            using var spread = (labelSmoothing / 2).ToScalar();
            using var one = 1.0.ToScalar();
            labels = labels.mul(keep).add_(spread, one);
        }

        return weights is null
            ? binary_cross_entropy_with_logits(flat, labels)
            : WeightedMean(binary_cross_entropy_with_logits(flat, labels, reduction: TorchSharp.torch.nn.Reduction.None), weights);
    }

    public override Tensor CountCorrect(Tensor logits, Tensor labels)
    {
        // Explicit scalars, disposed after use (see ParameterOptimizer for why implicit ones are avoided).
        using var zero = 0.0.ToScalar();
        using var half = 0.5.ToScalar();
        return logits.squeeze(1).gt(zero).eq(labels.gt(half)).sum();
    }

    public override float[] ReadScores(IDataView scored) => scored.GetColumn<float>(DefaultColumnNames.Score).ToArray();

    /// <summary>Score is the logit itself (Probability its sigmoid, PredictedLabel its sign).</summary>
    public override double ScoreDifference(ReadOnlySpan<float> logits, ReadOnlySpan<float> scores) => LogitDifference.OfLogit(logits[0], scores[0]);

    public override NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn)
    {
        var rows = classes.ToLabeledData(mlContext, headColumn, 1, AxisRows(2, c => (0, c == 0 ? -1f : 1f)));
        var predictor = mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = "Value",
            FeatureColumnName = headColumn,
            L1Regularization = 0f,
            L2Regularization = 0.1f,
            NumberOfThreads = 1,
        }).Fit(rows);

        var linear = predictor.Model.SubModel;
        var calibrator = predictor.Model.Calibrator;
        if (calibrator.Slope != -1 || calibrator.Offset != 0)
        {
            throw new InvalidOperationException(
                $"ML.NET's logistic regression calibrator is ({calibrator.Slope}, {calibrator.Offset}), not the sigmoid; the model cannot be exported.");
        }

        return new NativeHead(predictor, [linear.Bias], HeadInverse.Compute([linear.Weights[0]], 1, shiftInvariant: false));
    }

    public override SchemaShape AppendOutputColumns(SchemaShape input, SchemaShape.Column label) =>
        OutputShape.Append<ScoredRow>(input, SchemaDefinition.Create(typeof(ScoredRow)));

    /// <summary>The columns a binary model adds.</summary>
    private sealed class ScoredRow
    {
        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
