using Microsoft.ML;

namespace Dropout.MLNet.Sweeps;

/// <summary>How trials are evaluated: a given train/test pair, a holdout split, or k folds; and what a refit trains on.</summary>
internal sealed record EvaluationSplits(IReadOnlyList<(IDataView Train, IDataView Test)> Splits, IDataView AllData, bool IsCrossValidation)
{
    public static EvaluationSplits Given(IDataView train, IDataView test) => new([(train, test)], train, false);

    /// <summary>A holdout split, stratified by the <paramref name="strata"/> column unless it is <see langword="null"/>.</summary>
    public static EvaluationSplits Holdout(MLContext mlContext, IDataView data, double testFraction, int seed, string? strata)
    {
        if (strata is null)
        {
            var split = mlContext.Data.TrainTestSplit(data, testFraction, seed: seed);
            return new([(split.TrainSet, split.TestSet)], data, false);
        }

        var parts = StratifiedParts.Holdout(mlContext, data, strata, testFraction, seed);
        return new([(new RowSubsetView(data, parts, 1, inPart: false), new RowSubsetView(data, parts, 1, inPart: true))], data, false);
    }

    /// <summary>k folds, stratified by the <paramref name="strata"/> column unless it is <see langword="null"/>.</summary>
    public static EvaluationSplits Folds(MLContext mlContext, IDataView data, int folds, int seed, string? strata)
    {
        if (strata is null)
        {
            return new(mlContext.Data.CrossValidationSplit(data, folds, seed: seed).Select(f => (f.TrainSet, f.TestSet)).ToArray(), data, true);
        }

        var parts = StratifiedParts.Folds(mlContext, data, strata, folds, seed);
        return new(Enumerable.Range(0, folds)
            .Select(f => ((IDataView)new RowSubsetView(data, parts, (byte)f, inPart: false), (IDataView)new RowSubsetView(data, parts, (byte)f, inPart: true)))
            .ToArray(), data, true);
    }

    /// <exception cref="ArgumentException">The named stratification column is not in the data.</exception>
    public static void CheckStrata(IDataView data, string? column)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (column is not null && data.Schema.GetColumnOrNull(column) is null)
        {
            throw new ArgumentException(
                $"The stratification column '{column}' is not in the data; it has {string.Join(", ", data.Schema.Select(c => $"'{c.Name}'"))}.",
                nameof(column));
        }
    }

    /// <summary>
    /// The column named, else the trainer's label column if its task stratifies (classes) and the data has it, else none
    /// (a plain random split).
    /// </summary>
    public static string? Strata(IDataView data, string? named, string? label) =>
        named ?? (label is null || data.Schema.GetColumnOrNull(label) is null ? null : label);
}
