using Microsoft.ML;

namespace Dropout.MLNet.Sweeps;

/// <summary>How trials are evaluated: a given train/test pair, a holdout split, or k folds; and what a refit trains on.</summary>
internal sealed record EvaluationSplits(IReadOnlyList<(IDataView Train, IDataView Test)> Splits, IDataView AllData, bool IsCrossValidation)
{
    public static EvaluationSplits Given(IDataView train, IDataView test) => new([(train, test)], train, false);

    public static EvaluationSplits Holdout(MLContext mlContext, IDataView data, double testFraction, int seed)
    {
        var split = mlContext.Data.TrainTestSplit(data, testFraction, seed: seed);
        return new([(split.TrainSet, split.TestSet)], data, false);
    }

    public static EvaluationSplits Folds(MLContext mlContext, IDataView data, int folds, int seed) =>
        new(mlContext.Data.CrossValidationSplit(data, folds, seed: seed).Select(f => (f.TrainSet, f.TestSet)).ToArray(), data, true);
}
