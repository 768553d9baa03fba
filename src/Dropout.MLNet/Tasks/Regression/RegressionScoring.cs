using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Dropout.MLNet.Tasks.Regression;

/// <summary>Scored by ML.NET's linear-regression prediction transformer: Score is the predicted value, as ML.NET's regressors give it.</summary>
internal sealed class RegressionScoring : TaskScoring
{
    public override IReadOnlyList<TaskMetric> Metrics { get; } = RegressionTaskMetrics.All;

    public override float[] ReadScores(IDataView scored) => scored.GetColumn<float>(DefaultColumnNames.Score).ToArray();

    public override double ScoreDifference(ReadOnlySpan<float> outputs, ReadOnlySpan<float> scores) => LogitDifference.OfLogit(outputs[0], scores[0]);

    /// <summary>An SDCA regression fitted on four points of a line through the origin: any weight but 0 does (the graph inverts it).</summary>
    public override NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn)
    {
        var schema = SchemaDefinition.Create(typeof(HeadRow));
        schema[nameof(HeadRow.Features)].ColumnName = headColumn;
        schema[headColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1);
        var rows = mlContext.Data.LoadFromEnumerable(
            new[] { -2f, -1f, 1f, 2f }.Select(x => new HeadRow { Features = [x], Value = x }), schema);
        var predictor = mlContext.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = nameof(HeadRow.Value),
            FeatureColumnName = headColumn,
            L2Regularization = 0.1f,
            NumberOfThreads = 1,
            // Left to its own choice SDCA runs until its duality gap closes: 0.2-0.4 s on these four rows, a sixth of a
            // 50,000-row fit and most of a small one's. Five passes give a weight near 1, and any weight but 0 does.
            MaximumNumberOfIterations = 5,
        }).Fit(rows);

        var linear = predictor.Model;
        return new NativeHead(predictor, [linear.Bias], HeadInverse.Compute([linear.Weights[0]], 1, shiftInvariant: false));
    }

    public override SchemaShape AppendOutputColumns(SchemaShape input, SchemaShape.Column label) =>
        OutputShape.Append<ScoredRow>(input, SchemaDefinition.Create(typeof(ScoredRow)), "Regression");

    /// <summary>The synthetic rows of the head.</summary>
    private sealed class HeadRow
    {
        public float[] Features { get; set; } = [];

        public float Value { get; set; }
    }

    /// <summary>The column a regression model adds.</summary>
    private sealed class ScoredRow
    {
        public float Score { get; set; }
    }
}
