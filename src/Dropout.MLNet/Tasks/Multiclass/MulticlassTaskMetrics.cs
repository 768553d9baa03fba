using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tasks.Multiclass;

/// <summary>
/// MicroAccuracy, MacroAccuracy and LogLoss (in nats) from the key label and the Score column, as ML.NET's multiclass
/// evaluator defines them, so a pipeline that maps PredictedLabel back to values afterwards can still be measured.
/// </summary>
internal static class MulticlassTaskMetrics
{
    private const double ProbabilityFloor = 1e-15;

    public static IReadOnlyList<TaskMetric> All { get; } =
    [
        new("MicroAccuracy", true, (scored, label) => Count(scored, label).MicroAccuracy),
        new("MacroAccuracy", true, (scored, label) => Count(scored, label).MacroAccuracy),
        new("LogLoss", false, (scored, label) => Count(scored, label).LogLoss),
    ];

    private static (double MicroAccuracy, double MacroAccuracy, double LogLoss) Count(IDataView scored, string labelColumn)
    {
        var label = scored.Schema[labelColumn];
        var score = scored.Schema[DefaultColumnNames.Score];
        int classes = ((VectorDataViewType)score.Type).Size;
        var rowsOfClass = new long[classes];
        var rightOfClass = new long[classes];
        double logLoss = 0;
        using var cursor = scored.GetRowCursor([label, score]);
        var getLabel = cursor.GetGetter<uint>(label);
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        uint key = 0;
        VBuffer<float> probabilities = default;
        while (cursor.MoveNext())
        {
            getLabel(ref key);
            if (key == 0 || key > classes)
            {
                continue;
            }

            getScore(ref probabilities);
            var values = probabilities.IsDense ? probabilities.GetValues() : probabilities.DenseValues().ToArray();
            int truth = (int)key - 1;
            rowsOfClass[truth]++;
            rightOfClass[truth] += ArgMax(values) == truth ? 1 : 0;
            logLoss -= Math.Log(Math.Max(values[truth], ProbabilityFloor));
        }

        long rows = rowsOfClass.Sum();
        TaskMetric.RequireRows(rows, labelColumn);
        double macro = Enumerable.Range(0, classes).Where(c => rowsOfClass[c] > 0).Average(c => rightOfClass[c] / (double)rowsOfClass[c]);
        return (rightOfClass.Sum() / (double)rows, macro, logLoss / rows);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }
}
