using Dropout.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace TabularClassification;

/// <summary>Scoring with a saved model, as Model Builder's consumption file does.</summary>
public static partial class PenguinsModel
{
    /// <summary>One row of the penguins table; "NA" in the file becomes a missing value.</summary>
    public sealed class ModelInput
    {
        [LoadColumn(0), ColumnName("species")]
        public string Species { get; set; } = string.Empty;

        [LoadColumn(1), ColumnName("island")]
        public string Island { get; set; } = string.Empty;

        [LoadColumn(2), ColumnName("bill_length_mm")]
        public float BillLengthMm { get; set; }

        [LoadColumn(3), ColumnName("bill_depth_mm")]
        public float BillDepthMm { get; set; }

        [LoadColumn(4), ColumnName("flipper_length_mm")]
        public float FlipperLengthMm { get; set; }

        [LoadColumn(5), ColumnName("body_mass_g")]
        public float BodyMassG { get; set; }

        [LoadColumn(6), ColumnName("sex")]
        public string Sex { get; set; } = string.Empty;
    }

    /// <summary>What the model returns for a row.</summary>
    public sealed class ModelOutput
    {
        [ColumnName("PredictedLabel")]
        public string PredictedLabel { get; set; } = string.Empty;

        [ColumnName("Score")]
        public float[] Score { get; set; } = [];
    }

    private static readonly object PredictLock = new();

    /// <summary>The saved model that <see cref="PredictEngine"/> loads (Model Builder's <c>MLNetModelPath</c>); set it before the first prediction.</summary>
    public static string MLNetModelPath { get; set; } = Path.GetFullPath("PenguinsModel.mlnet");

    /// <summary>
    /// The prediction engine over the saved model, created once on first use by any thread. A prediction engine is not
    /// thread-safe, so <see cref="Predict"/> takes a lock around it.
    /// </summary>
    public static readonly Lazy<PredictionEngine<ModelInput, ModelOutput>> PredictEngine = new(CreatePredictEngine, isThreadSafe: true);

    /// <summary>Predicts one penguin's species with the saved model.</summary>
    public static ModelOutput Predict(ModelInput input)
    {
        var predEngine = PredictEngine.Value;
        lock (PredictLock)
        {
            return predEngine.Predict(input);
        }
    }

    /// <summary>Every species with its probability, most likely first.</summary>
    public static IOrderedEnumerable<KeyValuePair<string, float>> PredictAllLabels(ModelInput input)
    {
        var result = Predict(input);
        return GetSortedScoresWithLabels(result);
    }

    /// <summary>Pairs each score with its label, from the Score column's slot names.</summary>
    public static IOrderedEnumerable<KeyValuePair<string, float>> GetSortedScoresWithLabels(ModelOutput result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var labels = GetLabels(PredictEngine.Value.OutputSchema);
        return labels.Zip(result.Score, (label, score) => new KeyValuePair<string, float>(label, score)).OrderByDescending(pair => pair.Value);
    }

    /// <summary>Every label of the first row of <paramref name="rows"/> with its probability, most likely first (for any CSV, untyped).</summary>
    public static IOrderedEnumerable<KeyValuePair<string, float>> PredictAllLabels(ITransformer model, IDataView rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scored = model.Transform(rows);
        var probabilities = scored.GetColumn<float[]>("Score").First();
        return GetLabels(scored.Schema).Zip(probabilities, (label, score) => new KeyValuePair<string, float>(label, score)).OrderByDescending(pair => pair.Value);
    }

    private static IEnumerable<string> GetLabels(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(name => name.ToString());
    }

    private static PredictionEngine<ModelInput, ModelOutput> CreatePredictEngine()
    {
        var mlContext = new MLContext().UsePrivateTempFolder();
        ITransformer mlModel = mlContext.Model.Load(MLNetModelPath, out _);
        return mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(mlModel);
    }
}
