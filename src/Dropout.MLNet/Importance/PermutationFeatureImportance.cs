using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Importance;

/// <summary>
/// Permutation feature importance (Breiman, 2001) for a fitted or loaded pipeline that ends in a DropoutMlp model, per
/// input column or per slot. ML.NET's own <c>PermutationFeatureImportance(model, ...)</c> looks for a prediction
/// transformer at the top of the chain only and cannot find one in a loaded DropoutMlp pipeline; this finds the model
/// (<see cref="DropoutMlpPipelineExtensions.FindDropoutMlp"/>), featurizes the data with the steps before it, and
/// measures each metric with ML.NET's own evaluator on permuted copies of the feature vector.
/// </summary>
public static class PermutationFeatureImportance
{
    /// <summary>Permutation feature importance of a multiclass DropoutMlp pipeline.</summary>
    /// <param name="catalog">The multiclass classification catalog, whose <c>Evaluate</c> measures each permutation.</param>
    /// <param name="model">A fitted or loaded pipeline with a multiclass DropoutMlp model.</param>
    /// <param name="data">Labelled data with the pipeline's input columns (held-out data says most).</param>
    /// <param name="labelColumnName">The key-typed label column the model was trained on, as the featurized data has it.</param>
    /// <param name="grouping">Whether to permute each input column's slots together or each slot alone.</param>
    /// <param name="permutationCount">The number of permutations per feature: more gives a smaller standard error.</param>
    /// <param name="numberOfExamplesToUse">The number of rows to use, from the start; <see langword="null"/> for all.</param>
    /// <param name="seed">The seed of the permutations.</param>
    /// <returns>
    /// One importance per feature, in slot order, with the change of MicroAccuracy, MacroAccuracy, LogLoss and
    /// LogLossReduction.
    /// </returns>
    /// <exception cref="ArgumentException">The pipeline has no DropoutMlp model, or an argument is out of range.</exception>
    public static IReadOnlyList<FeatureImportance> DropoutMlpFeatureImportance(this MulticlassClassificationCatalog catalog, ITransformer model,
        IDataView data, string labelColumnName = DropoutMlpDefaults.LabelColumnName, FeatureGrouping grouping = FeatureGrouping.ByColumn,
        int permutationCount = 1, int? numberOfExamplesToUse = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Compute(model, data, grouping, permutationCount, numberOfExamplesToUse, seed, scored => catalog.Evaluate(scored, labelColumnName),
            new Dictionary<string, Func<MulticlassClassificationMetrics, double>>
            {
                [nameof(MulticlassClassificationMetrics.MicroAccuracy)] = m => m.MicroAccuracy,
                [nameof(MulticlassClassificationMetrics.MacroAccuracy)] = m => m.MacroAccuracy,
                [nameof(MulticlassClassificationMetrics.LogLoss)] = m => m.LogLoss,
                [nameof(MulticlassClassificationMetrics.LogLossReduction)] = m => m.LogLossReduction,
            });
    }

    /// <summary>Permutation feature importance of a binary DropoutMlp pipeline.</summary>
    /// <param name="catalog">The binary classification catalog, whose <c>Evaluate</c> measures each permutation.</param>
    /// <param name="model">A fitted or loaded pipeline with a binary DropoutMlp model.</param>
    /// <param name="data">Labelled data with the pipeline's input columns (held-out data says most); both classes must occur.</param>
    /// <param name="labelColumnName">The Boolean label column the model was trained on.</param>
    /// <param name="grouping">Whether to permute each input column's slots together or each slot alone.</param>
    /// <param name="permutationCount">The number of permutations per feature: more gives a smaller standard error.</param>
    /// <param name="numberOfExamplesToUse">The number of rows to use, from the start; <see langword="null"/> for all.</param>
    /// <param name="seed">The seed of the permutations.</param>
    /// <returns>
    /// One importance per feature, in slot order, with the change of AreaUnderRocCurve, Accuracy, F1Score,
    /// AreaUnderPrecisionRecallCurve, LogLoss and LogLossReduction.
    /// </returns>
    /// <exception cref="ArgumentException">The pipeline has no DropoutMlp model, or an argument is out of range.</exception>
    public static IReadOnlyList<FeatureImportance> DropoutMlpFeatureImportance(this BinaryClassificationCatalog catalog, ITransformer model,
        IDataView data, string labelColumnName = DropoutMlpDefaults.LabelColumnName, FeatureGrouping grouping = FeatureGrouping.ByColumn,
        int permutationCount = 1, int? numberOfExamplesToUse = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Compute(model, data, grouping, permutationCount, numberOfExamplesToUse, seed, scored => catalog.Evaluate(scored, labelColumnName),
            new Dictionary<string, Func<CalibratedBinaryClassificationMetrics, double>>
            {
                [nameof(CalibratedBinaryClassificationMetrics.AreaUnderRocCurve)] = m => m.AreaUnderRocCurve,
                [nameof(CalibratedBinaryClassificationMetrics.Accuracy)] = m => m.Accuracy,
                [nameof(CalibratedBinaryClassificationMetrics.F1Score)] = m => m.F1Score,
                [nameof(CalibratedBinaryClassificationMetrics.AreaUnderPrecisionRecallCurve)] = m => m.AreaUnderPrecisionRecallCurve,
                [nameof(CalibratedBinaryClassificationMetrics.LogLoss)] = m => m.LogLoss,
                [nameof(CalibratedBinaryClassificationMetrics.LogLossReduction)] = m => m.LogLossReduction,
            });
    }

    /// <summary>Permutation feature importance of a regression DropoutMlp pipeline.</summary>
    /// <param name="catalog">The regression catalog, whose <c>Evaluate</c> measures each permutation.</param>
    /// <param name="model">A fitted or loaded pipeline with a regression DropoutMlp model.</param>
    /// <param name="data">Labelled data with the pipeline's input columns (held-out data says most).</param>
    /// <param name="labelColumnName">The Single label column the model was trained on.</param>
    /// <param name="grouping">Whether to permute each input column's slots together or each slot alone.</param>
    /// <param name="permutationCount">The number of permutations per feature: more gives a smaller standard error.</param>
    /// <param name="numberOfExamplesToUse">The number of rows to use, from the start; <see langword="null"/> for all.</param>
    /// <param name="seed">The seed of the permutations.</param>
    /// <returns>
    /// One importance per feature, in slot order, with the change of RSquared, MeanAbsoluteError, MeanSquaredError and
    /// RootMeanSquaredError (an important feature lowers RSquared and raises the errors).
    /// </returns>
    /// <exception cref="ArgumentException">The pipeline has no DropoutMlp model, or an argument is out of range.</exception>
    public static IReadOnlyList<FeatureImportance> DropoutMlpFeatureImportance(this RegressionCatalog catalog, ITransformer model,
        IDataView data, string labelColumnName = DropoutMlpDefaults.LabelColumnName, FeatureGrouping grouping = FeatureGrouping.ByColumn,
        int permutationCount = 1, int? numberOfExamplesToUse = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Compute(model, data, grouping, permutationCount, numberOfExamplesToUse, seed, scored => catalog.Evaluate(scored, labelColumnName),
            new Dictionary<string, Func<RegressionMetrics, double>>
            {
                [nameof(RegressionMetrics.RSquared)] = m => m.RSquared,
                [nameof(RegressionMetrics.MeanAbsoluteError)] = m => m.MeanAbsoluteError,
                [nameof(RegressionMetrics.MeanSquaredError)] = m => m.MeanSquaredError,
                [nameof(RegressionMetrics.RootMeanSquaredError)] = m => m.RootMeanSquaredError,
            });
    }

    private static IReadOnlyList<FeatureImportance> Compute<TMetrics>(ITransformer model, IDataView data, FeatureGrouping grouping,
        int permutationCount, int? numberOfExamplesToUse, int seed, Func<IDataView, TMetrics> evaluate,
        IReadOnlyDictionary<string, Func<TMetrics, double>> metrics)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutationCount, 1);
        if (numberOfExamplesToUse is { } rows)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1, nameof(numberOfExamplesToUse));
        }

        var dropoutMlp = model.FindDropoutMlp();
        var featurized = model.TransformUpToDropoutMlp(data);
        if (numberOfExamplesToUse is { } limit)
        {
            featurized = new MLContext(seed).Data.TakeRows(featurized, limit);
        }

        dropoutMlp.CheckInput(featurized.Schema);
        var column = featurized.Schema[dropoutMlp.FeatureColumnName];
        int width = dropoutMlp.Model.InputSize;
        var features = PermutedFeaturesView.ReadFeatures(featurized, column, width);
        int count = features.Length / width;
        var baselineMetrics = evaluate(dropoutMlp.Transform(featurized));
        var baseline = metrics.ToDictionary(m => m.Key, m => m.Value(baselineMetrics));
        var random = new Random(seed);
        return [.. FeatureGroups.Of(featurized.Schema, column.Name, width, grouping).Select(group =>
        {
            var changes = metrics.Keys.ToDictionary(name => name, _ => new List<double>(permutationCount));
            for (int p = 0; p < permutationCount; p++)
            {
                var permuted = new PermutedFeaturesView(featurized, column.Index, features, width, group.Slots, Permutation(count, random));
                var measured = evaluate(dropoutMlp.Transform(permuted));
                foreach (var (name, select) in metrics)
                {
                    changes[name].Add(select(measured) - baseline[name]);
                }
            }

            return new FeatureImportance(group.Name, group.Slots, changes.ToDictionary(c => c.Key, c => MetricDelta.Of(c.Value)));
        })];
    }

    private static int[] Permutation(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }
}
