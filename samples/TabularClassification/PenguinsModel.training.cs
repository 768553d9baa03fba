using Dropout.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace TabularClassification;

/// <summary>The training pipeline, as Model Builder's training file lays it out.</summary>
public static partial class PenguinsModel
{
    /// <summary>The label column of the penguins.</summary>
    public const string LabelColumn = "species";

    /// <summary>The data the model was trained on (Model Builder's <c>RetrainFilePath</c>), beside the app.</summary>
    public static readonly string RetrainFilePath = Path.Combine(AppContext.BaseDirectory, "Data", "penguins.csv");

    /// <summary>The separator of <see cref="RetrainFilePath"/>.</summary>
    public const char RetrainSeparatorChar = ',';

    /// <summary>Whether <see cref="RetrainFilePath"/> starts with a header line.</summary>
    public const bool RetrainHasHeader = true;

    /// <summary>Trains on a penguins CSV with the trainer's defaults and saves the model to <paramref name="outputModelPath"/>.</summary>
    public static void Train(string outputModelPath, string? inputDataFilePath = null, char separatorChar = RetrainSeparatorChar, bool hasHeader = RetrainHasHeader)
    {
        var mlContext = new MLContext().UsePrivateTempFolder();
        var data = LoadIDataViewFromFile(mlContext, inputDataFilePath ?? RetrainFilePath, separatorChar, hasHeader);
        var model = RetrainModel(mlContext, data);
        SaveModel(mlContext, model, data, outputModelPath);
    }

    /// <summary>Loads a penguins CSV as <see cref="ModelInput"/> rows, read as <see cref="DataColumns.LoaderOptions"/> reads any CSV.</summary>
    public static IDataView LoadIDataViewFromFile(MLContext mlContext, string inputDataFilePath, char separatorChar, bool hasHeader)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return mlContext.Data.LoadFromTextFile<ModelInput>(inputDataFilePath, DataColumns.LoaderOptions(separatorChar, '.', hasHeader));
    }

    /// <summary>Saves the model with the input schema of <paramref name="data"/>, so that it loads with that schema.</summary>
    public static void SaveModel(MLContext mlContext, ITransformer model, IDataView data, string modelSavePath)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema dataViewSchema = data.Schema;
        using var fs = File.Create(modelSavePath);
        mlContext.Model.Save(model, dataViewSchema, fs);
    }

    /// <summary>Trains the penguins pipeline on the data.</summary>
    public static ITransformer RetrainModel(MLContext mlContext, IDataView trainData) => BuildPipeline(mlContext).Fit(trainData);

    /// <summary>Trains the pipeline for these columns and options on the data.</summary>
    public static ITransformer RetrainModel(MLContext mlContext, IDataView trainData, DataColumns columns, DropoutMlpMulticlassTrainer.Options options) =>
        BuildPipeline(mlContext, columns, options).Fit(trainData);

    /// <summary>The penguins pipeline with the trainer's defaults.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext) =>
        BuildPipeline(mlContext, DataColumns.Penguins, new DropoutMlpMulticlassTrainer.Options());

    /// <summary>
    /// The label mapped to a key, the features as <see cref="BuildFeatures"/> makes them, then the dropout MLP, whose
    /// predicted key is mapped back to the label's value.
    /// </summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, DataColumns columns, DropoutMlpMulticlassTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        return BuildFeaturization(mlContext, columns)
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options with { LabelColumnName = columns.KeyLabel }))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
    }

    /// <summary>Everything before the trainer: the key-typed label (<see cref="DataColumns.KeyLabel"/>) and the "Features" vector.</summary>
    public static IEstimator<ITransformer> BuildFeaturization(MLContext mlContext, DataColumns columns)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(columns);
        var keyData = columns.LabelValues is { } values ? mlContext.Data.LoadFromEnumerable(values.Select(v => new LabelValue { Value = v })) : null;
        return mlContext.Transforms.Conversion.MapValueToKey(columns.KeyLabel, columns.Label, keyData: keyData).Append(BuildFeatures(mlContext, columns));
    }

    /// <summary>
    /// The "Features" vector: for each numeric column with missing values, where they are missing (1 or 0, in a column
    /// named "<c>column</c>.missing" that is dropped once concatenated, so that feature importance counts it with its
    /// column); missing numbers replaced by the column mean; categories one-hot encoded (a missing category is a
    /// category of its own; at most <see cref="DataColumns.MaximumCategories"/> slots a column); all concatenated.
    /// </summary>
    public static IEstimator<ITransformer> BuildFeatures(MLContext mlContext, DataColumns columns)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(columns);
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        var indicators = columns.WithMissing.Select(name => new InputOutputColumnPair($"{name}.missing", name)).ToArray();
        if (indicators.Length > 0)
        {
            pipeline = pipeline.Append(mlContext.Transforms.IndicateMissingValues(indicators))
                .Append(mlContext.Transforms.Conversion.ConvertType([.. indicators.Select(i => new InputOutputColumnPair(i.OutputColumnName))], DataKind.Single));
        }

        if (columns.Numeric.Count > 0)
        {
            pipeline = pipeline.Append(mlContext.Transforms.ReplaceMissingValues(Pairs(columns.Numeric)));
        }

        if (columns.Categorical.Count > 0)
        {
            pipeline = pipeline.Append(mlContext.Transforms.Categorical.OneHotEncoding(Pairs(columns.Categorical),
                maximumNumberOfKeys: DataColumns.MaximumCategories));
        }

        var indicatorNames = indicators.Select(i => i.OutputColumnName).ToArray();
        pipeline = pipeline.Append(mlContext.Transforms.Concatenate("Features", [.. columns.Numeric, .. indicatorNames, .. columns.Categorical]));
        return indicatorNames.Length == 0 ? pipeline : pipeline.Append(mlContext.Transforms.DropColumns(indicatorNames));
    }

    private static InputOutputColumnPair[] Pairs(IEnumerable<string> columns) => [.. columns.Select(c => new InputOutputColumnPair(c, c))];

    /// <summary>One known label value: a label outside them (a missing one) maps to a missing key, and the trainer skips its row.</summary>
    private sealed class LabelValue
    {
        public string Value { get; set; } = string.Empty;
    }
}
