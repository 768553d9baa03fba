using Dropout.MLNet;
using Microsoft.ML;

namespace TabularClassification;

/// <summary>The training pipeline, as Model Builder's training file lays it out.</summary>
public static partial class PenguinsModel
{
    public const string LabelColumn = "species";
    private static readonly string[] NumericColumns = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"];
    private static readonly string[] CategoricalColumns = ["island", "sex"];

    /// <summary>
    /// Missing numbers replaced by the column mean, categories one-hot encoded (a missing category is a category of
    /// its own), everything concatenated into Features, then the dropout MLP.
    /// </summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, DropoutMlpMulticlassTrainer.Options options)
    {
        var numeric = NumericColumns.Select(c => new InputOutputColumnPair(c, c)).ToArray();
        var categorical = CategoricalColumns.Select(c => new InputOutputColumnPair(c, c)).ToArray();
        return mlContext.Transforms.ReplaceMissingValues(numeric)
            .Append(mlContext.Transforms.Categorical.OneHotEncoding(categorical))
            .Append(mlContext.Transforms.Concatenate("Features", [.. NumericColumns, .. CategoricalColumns]))
            .Append(mlContext.Transforms.Conversion.MapValueToKey("Label", LabelColumn))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
    }

    /// <summary>Trains the pipeline on the data.</summary>
    public static ITransformer RetrainPipeline(MLContext mlContext, IDataView trainData, DropoutMlpMulticlassTrainer.Options options) =>
        BuildPipeline(mlContext, options).Fit(trainData);
}
