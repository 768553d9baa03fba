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

    /// <summary>Predicts one penguin's species with a loaded model.</summary>
    public static ModelOutput Predict(MLContext mlContext, ITransformer model, ModelInput input)
    {
        var engine = mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
        return engine.Predict(input);
    }

    /// <summary>Every species with its probability, most likely first.</summary>
    public static IReadOnlyList<KeyValuePair<string, float>> PredictAllLabels(MLContext mlContext, ITransformer model, ModelInput input)
    {
        var engine = mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
        var output = engine.Predict(input);
        VBuffer<ReadOnlyMemory<char>> names = default;
        engine.OutputSchema["Score"].GetSlotNames(ref names);
        return names.DenseValues()
            .Select((name, i) => new KeyValuePair<string, float>(name.ToString(), output.Score[i]))
            .OrderByDescending(pair => pair.Value)
            .ToArray();
    }

    /// <summary>Every label of the first row of <paramref name="rows"/> with its probability, most likely first (for any CSV, untyped).</summary>
    public static IReadOnlyList<KeyValuePair<string, float>> PredictAllLabels(ITransformer model, IDataView rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scored = model.Transform(rows);
        var score = scored.Schema["Score"];
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var probabilities = scored.GetColumn<float[]>(score).First();
        return names.DenseValues()
            .Select((name, i) => new KeyValuePair<string, float>(name.ToString(), probabilities[i]))
            .OrderByDescending(pair => pair.Value)
            .ToArray();
    }
}
