using Microsoft.ML;

namespace Dropout.MLNet.Tasks.Binary;

/// <summary>
/// AreaUnderRocCurve, Accuracy, F1Score and LogLoss (in bits) from the Boolean label and the Score and Probability
/// columns, as ML.NET's binary evaluator defines them.
/// </summary>
internal static class BinaryTaskMetrics
{
    private const double ProbabilityFloor = 1e-15;

    public static IReadOnlyList<TaskMetric> All { get; } =
    [
        new("AreaUnderRocCurve", true, (scored, label) => AreaUnderRocCurve(Read(scored, label))),
        new("Accuracy", true, (scored, label) => Accuracy(Read(scored, label))),
        new("F1Score", true, (scored, label) => F1Score(Read(scored, label))),
        new("LogLoss", false, (scored, label) =>
            Read(scored, label).Average(r => -Math.Log2(Math.Max(r.Label ? r.Probability : 1 - r.Probability, ProbabilityFloor)))),
    ];

    private static List<(bool Label, float Score, float Probability)> Read(IDataView scored, string labelColumn)
    {
        var label = scored.Schema[labelColumn];
        var score = scored.Schema[DefaultColumnNames.Score];
        var probability = scored.Schema[DefaultColumnNames.Probability];
        var rows = new List<(bool Label, float Score, float Probability)>();
        using (var cursor = scored.GetRowCursor([label, score, probability]))
        {
            var getLabel = cursor.GetGetter<bool>(label);
            var getScore = cursor.GetGetter<float>(score);
            var getProbability = cursor.GetGetter<float>(probability);
            bool l = false;
            float s = 0;
            float p = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref l);
                getScore(ref s);
                getProbability(ref p);
                rows.Add((l, s, p));
            }
        }

        TaskMetric.RequireRows(rows.Count, labelColumn);
        return rows;
    }

    private static double Accuracy(List<(bool Label, float Score, float Probability)> rows) =>
        rows.Count(r => r.Label == r.Score > 0) / (double)rows.Count;

    private static double F1Score(List<(bool Label, float Score, float Probability)> rows)
    {
        long truePositives = rows.Count(r => r.Label && r.Score > 0);
        long predictedPositives = rows.Count(r => r.Score > 0);
        long positives = rows.Count(r => r.Label);
        return truePositives == 0 ? 0 : 2.0 * truePositives / (predictedPositives + positives);
    }

    /// <summary>The probability that a random positive outscores a random negative (ties count half).</summary>
    private static double AreaUnderRocCurve(List<(bool Label, float Score, float Probability)> rows)
    {
        rows.Sort((a, b) => a.Score.CompareTo(b.Score));
        double positives = rows.Count(r => r.Label);
        double negatives = rows.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        double rankSum = 0;
        for (int start = 0; start < rows.Count;)
        {
            int end = start;
            int positivesTied = 0;
            while (end < rows.Count && rows[end].Score == rows[start].Score)
            {
                positivesTied += rows[end].Label ? 1 : 0;
                end++;
            }

            rankSum += (start + end + 1) / 2.0 * positivesTied;
            start = end;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
