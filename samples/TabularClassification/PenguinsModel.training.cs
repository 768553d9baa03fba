using Dropout.MLNet;
using Microsoft.ML;

namespace TabularClassification;

/// <summary>The training pipeline, as Model Builder's training file lays it out.</summary>
public static partial class PenguinsModel
{
    public const string LabelColumn = "species";

    /// <summary>
    /// The label mapped to a key, missing numbers replaced by the column mean, categories one-hot encoded (a missing
    /// category is a category of its own), everything concatenated into Features, then the dropout MLP, whose
    /// predicted key is mapped back to the label's value.
    /// </summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, DataColumns columns, DropoutMlpMulticlassTrainer.Options options) =>
        BuildFeaturization(mlContext, columns)
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>Everything before the trainer: the key-typed "Label" and the "Features" vector.</summary>
    public static IEstimator<ITransformer> BuildFeaturization(MLContext mlContext, DataColumns columns)
    {
        var keyData = columns.LabelValues is { } values ? mlContext.Data.LoadFromEnumerable(values.Select(v => new LabelValue { Value = v })) : null;
        IEstimator<ITransformer> pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", columns.Label, keyData: keyData);
        if (columns.Numeric.Count > 0)
        {
            pipeline = pipeline.Append(mlContext.Transforms.ReplaceMissingValues([.. columns.Numeric.Select(c => new InputOutputColumnPair(c, c))]));
        }

        if (columns.Categorical.Count > 0)
        {
            pipeline = pipeline.Append(mlContext.Transforms.Categorical.OneHotEncoding([.. columns.Categorical.Select(c => new InputOutputColumnPair(c, c))]));
        }

        return pipeline.Append(mlContext.Transforms.Concatenate("Features", [.. columns.Numeric, .. columns.Categorical]));
    }

    /// <summary>Trains the pipeline on the data.</summary>
    public static ITransformer RetrainPipeline(MLContext mlContext, IDataView trainData, DataColumns columns, DropoutMlpMulticlassTrainer.Options options) =>
        BuildPipeline(mlContext, columns, options).Fit(trainData);

    /// <summary>One known label value: a label outside them (a missing one) maps to a missing key, and the trainer skips its row.</summary>
    private sealed class LabelValue
    {
        public string Value { get; set; } = string.Empty;
    }
}
