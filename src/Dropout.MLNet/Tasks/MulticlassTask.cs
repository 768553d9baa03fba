using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Dropout.MLNet.Data;
using Dropout.MLNet.Scoring;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dropout.MLNet.Tasks;

/// <summary>Softmax over one logit per class; the label is a key; scored by ML.NET's maximum-entropy prediction transformer.</summary>
internal sealed class MulticlassTask : ClassificationTask
{
    public static MulticlassTask Instance { get; } = new();

    public override string Name => "multiclass classification";

    public override ClassSet DescribeClasses(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType keyType)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be a key type for {Name}, but it is {label.Type}. "
                + $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{label.Name}\") before the trainer.");
        }

        if (keyType.Count < 2)
        {
            throw new ArgumentException($"Label column '{label.Name}' has {keyType.Count} class; {Name} needs at least two.");
        }

        return ClassSet.FromKeyColumn(label, keyType);
    }

    public override void CheckLabel(SchemaShape.Column label)
    {
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be a key type for {Name}, but it is {label.Describe()}. "
                + $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{label.Name}\") before the trainer.");
        }
    }

    /// <summary>Reads a key of any of ML.NET's key widths (byte, ushort, uint, ulong); key 0 (missing) gives -1.</summary>
    public override Func<long> CreateLabelGetter(DataViewRow row, DataViewSchema.Column label) => label.Type.RawType switch
    {
        var t when t == typeof(byte) => KeyGetter<byte>(row, label, key => key),
        var t when t == typeof(ushort) => KeyGetter<ushort>(row, label, key => key),
        var t when t == typeof(ulong) => KeyGetter<ulong>(row, label, key => checked((long)key)),
        _ => KeyGetter<uint>(row, label, key => key),
    };

    public override int OutputSize(ClassSet classes) => classes.Count;

    public override Tensor LabelTensor(long[] classIndices) => tensor(classIndices);

    public override Tensor Loss(Tensor logits, Tensor labels, Tensor? weights, double labelSmoothing = 0) =>
        weights is null
            ? cross_entropy(logits, labels, label_smoothing: labelSmoothing)
            : WeightedMean(cross_entropy(logits, labels, reduction: TorchSharp.torch.nn.Reduction.None, label_smoothing: labelSmoothing), weights);

    public override Tensor CountCorrect(Tensor logits, Tensor labels) => logits.argmax(1).eq(labels).sum();

    public override float[] ReadScores(IDataView scored) =>
        scored.GetColumn<float[]>(DefaultColumnNames.Score).SelectMany(row => row).ToArray();

    /// <summary>Score holds softmax probabilities: compared with the logits as centered log-probabilities.</summary>
    public override double ScoreDifference(ReadOnlySpan<float> logits, ReadOnlySpan<float> scores) => LogitDifference.OfSoftmax(logits, scores);

    public override NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn)
    {
        int k = classes.Count;
        var rows = classes.ToLabeledData(mlContext, headColumn, k, AxisRows(k, c => (c, 1f)));
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
    /// only then); PredictedLabel a key of the label's values.
    /// </summary>
    public override SchemaShape AppendOutputColumns(SchemaShape input, SchemaShape.Column label)
    {
        var valueType = label.Annotations.Find(AnnotationKinds.KeyValues) is { } values
            ? (PrimitiveDataViewType)values.ItemType
            : NumberDataViewType.UInt32;
        var added = SchemaDefinition.Create(typeof(ScoredRow));
        OutputShape.SetVector(added, DefaultColumnNames.Score, slotNames: valueType is TextDataViewType);
        OutputShape.SetKeyWithValues(added, DefaultColumnNames.PredictedLabel, valueType);
        return OutputShape.Append<ScoredRow>(input, added);
    }

    private static Func<long> KeyGetter<TKey>(DataViewRow row, DataViewSchema.Column label, Func<TKey, long> toLong)
    {
        var getter = row.GetGetter<TKey>(label);
        TKey key = default!;
        return () =>
        {
            getter(ref key);
            return toLong(key) - 1;
        };
    }

    /// <summary>The columns a multiclass model adds.</summary>
    private sealed class ScoredRow
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }
}
