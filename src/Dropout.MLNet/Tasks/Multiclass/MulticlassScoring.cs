using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks.Multiclass;

/// <summary>Scored by ML.NET's maximum-entropy prediction transformer: Score holds the class probabilities, PredictedLabel a key.</summary>
internal sealed class MulticlassScoring : TaskScoring
{
    public override IReadOnlyList<TaskMetric> Metrics { get; } = MulticlassTaskMetrics.All;

    public override float[] ReadScores(IDataView scored) =>
        scored.GetColumn<float[]>(DefaultColumnNames.Score).SelectMany(row => row).ToArray();

    /// <summary>Score holds softmax probabilities: compared with the logits as centered log-probabilities.</summary>
    public override double ScoreDifference(ReadOnlySpan<float> outputs, ReadOnlySpan<float> scores) => LogitDifference.OfSoftmax(outputs, scores);

    public override NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn)
    {
        int k = classes.Count;
        var rows = classes.ToLabeledData(mlContext, headColumn, k, NativeHead.AxisRows(k, c => (c, 1f)));
        var labeled = mlContext.Transforms.Conversion
            .MapValueToKey(labelColumn, "Value", keyData: classes.ToKeyData(mlContext))
            .Fit(rows)
            .Transform(rows);
        var predictor = mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = labelColumn,
            FeatureColumnName = headColumn,
            L1Regularization = 0f,
            L2Regularization = 0.1f,
            NumberOfThreads = 1,
        }).Fit(labeled);

        VBuffer<float>[] weights = [];
        predictor.Model.GetWeights(ref weights, out _);
        var matrix = weights.SelectMany(row => row.DenseValues()).Select(w => (double)w).ToArray();
        return new NativeHead(predictor, predictor.Model.GetBiases().ToArray(), HeadInverse.Compute(matrix, k, shiftInvariant: true));
    }

    /// <summary>
    /// Score is a vector of Single, with slot names when the label's key values are text (as ML.NET's scorer names them
    /// only then) and the label's values; PredictedLabel a key of the label's values.
    /// </summary>
    public override SchemaShape AppendOutputColumns(SchemaShape input, SchemaShape.Column label)
    {
        var valueType = label.Annotations.Find(AnnotationKinds.KeyValues) is { } values
            ? (PrimitiveDataViewType)values.ItemType
            : NumberDataViewType.UInt32;
        var added = SchemaDefinition.Create(typeof(ScoredRow));
        OutputShape.SetVector(added, DefaultColumnNames.Score, slotNames: valueType is TextDataViewType);
        OutputShape.SetTrainingLabelValues(added, DefaultColumnNames.Score, valueType);
        OutputShape.SetKeyWithValues(added, DefaultColumnNames.PredictedLabel, valueType);
        return OutputShape.Append<ScoredRow>(input, added, "MulticlassClassification");
    }

    /// <summary>The columns a multiclass model adds.</summary>
    private sealed class ScoredRow
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }
}
