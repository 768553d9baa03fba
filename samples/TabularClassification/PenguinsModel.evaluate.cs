using Dropout.MLNet.Importance;
using Microsoft.ML;

namespace TabularClassification;

/// <summary>Model evaluation, as Model Builder's evaluate file does it.</summary>
public static partial class PenguinsModel
{
    /// <summary>
    /// Permutation feature importance per input column: how much the macro accuracy drops when one column's values are
    /// shuffled across the rows, the columns that matter most first.
    /// </summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="trainData">Labelled rows with the pipeline's input columns (held-out rows say most).</param>
    /// <param name="model">The fitted or loaded pipeline.</param>
    /// <param name="labelColumnName">The key-typed label column the model was trained on.</param>
    public static List<Tuple<string, double>> CalculatePFI(MLContext mlContext, IDataView trainData, ITransformer model, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var permutationFeatureImportance = mlContext.MulticlassClassification
            .DropoutMlpFeatureImportance(model, trainData, labelColumnName: labelColumnName, permutationCount: 3);

        var featureImportanceMetrics = permutationFeatureImportance
            .Select(feature => new { feature.Name, MacroAccuracy = feature.Deltas["MacroAccuracy"] })
            .OrderByDescending(feature => Math.Abs(feature.MacroAccuracy.Mean));

        var featurePFI = new List<Tuple<string, double>>();
        foreach (var feature in featureImportanceMetrics)
        {
            var pfiValue = Math.Abs(feature.MacroAccuracy.Mean);
            featurePFI.Add(new Tuple<string, double>(feature.Name, pfiValue));
        }

        return featurePFI;
    }
}
