using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tasks.Regression;

/// <summary>
/// RSquared, MeanAbsoluteError, RootMeanSquaredError and MeanSquaredError from the Single label and the Score column, as
/// ML.NET's regression evaluator defines them (rows with a NaN label are skipped).
/// </summary>
internal static class RegressionTaskMetrics
{
    public static IReadOnlyList<TaskMetric> All { get; } =
    [
        new("RSquared", true, (scored, label) => RSquared(Sums(scored, label))),
        new("MeanAbsoluteError", false, (scored, label) => Sums(scored, label).AbsoluteError),
        new("RootMeanSquaredError", false, (scored, label) => Math.Sqrt(Sums(scored, label).SquaredError)),
        new("MeanSquaredError", false, (scored, label) => Sums(scored, label).SquaredError),
    ];

    /// <summary>The mean absolute and squared errors, and the labels' variance (mean squared deviation from their mean, by Welford's update).</summary>
    private static (double AbsoluteError, double SquaredError, double Variance) Sums(IDataView scored, string labelColumn)
    {
        var label = scored.Schema[labelColumn];
        var score = scored.Schema[DefaultColumnNames.Score];
        long rows = 0;
        double absolute = 0, squared = 0, labelMean = 0, labelDeviations = 0;
        using (var cursor = scored.GetRowCursor([label, score]))
        {
            var getLabel = cursor.GetGetter<float>(label);
            var getScore = cursor.GetGetter<float>(score);
            float y = 0, prediction = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref y);
                if (float.IsNaN(y))
                {
                    continue;
                }

                getScore(ref prediction);
                double error = (double)prediction - y;
                absolute += Math.Abs(error);
                squared += error * error;
                rows++;
                double delta = y - labelMean;
                labelMean += delta / rows;
                labelDeviations += delta * (y - labelMean);
            }
        }

        TaskMetric.RequireRows(rows, labelColumn);
        return (absolute / rows, squared / rows, labelDeviations / rows);
    }

    /// <summary>1 − MSE / variance: the share of the labels' variance the model explains (negative when worse than their mean).</summary>
    private static double RSquared((double AbsoluteError, double SquaredError, double Variance) sums) => 1 - (sums.SquaredError / sums.Variance);
}
