using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Dropout.MLNet.Tasks.Binary;

/// <summary>
/// Scored by ML.NET's logistic-regression prediction transformer: Score is the logit, Probability its sigmoid (a Platt
/// calibrator of slope -1), PredictedLabel whether the logit is positive.
/// </summary>
internal sealed class BinaryScoring : TaskScoring
{
    public override IReadOnlyList<TaskMetric> Metrics { get; } = BinaryTaskMetrics.All;

    public override float[] ReadScores(IDataView scored) => scored.GetColumn<float>(DefaultColumnNames.Score).ToArray();

    /// <summary>Score is the logit itself (Probability its sigmoid, PredictedLabel its sign).</summary>
    public override double ScoreDifference(ReadOnlySpan<float> outputs, ReadOnlySpan<float> scores) => LogitDifference.OfLogit(outputs[0], scores[0]);

    public override NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn)
    {
        var rows = classes.ToLabeledData(mlContext, headColumn, 1, NativeHead.AxisRows(2, c => (0, c == 0 ? -1f : 1f)));
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
        OutputShape.Append<ScoredRow>(input, SchemaDefinition.Create(typeof(ScoredRow)), "BinaryClassification");

    /// <summary>The columns a binary model adds.</summary>
    private sealed class ScoredRow
    {
        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
