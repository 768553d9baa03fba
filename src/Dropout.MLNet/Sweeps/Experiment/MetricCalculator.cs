using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Computes a <see cref="SweepMetric"/> from the label and the trainer's Score (and Probability) columns, as ML.NET's
/// evaluators define it (binary log-loss in bits, multiclass log-loss in nats, as ML.NET reports them), so a pipeline that maps PredictedLabel back to values afterwards can still be evaluated.
/// </summary>
internal static class MetricCalculator
{
    private const double ProbabilityFloor = 1e-15;

    public static bool IsMaximized(SweepMetric metric) => metric != SweepMetric.LogLoss;

    /// <summary>Fails, before any training, when the metric does not belong to the task.</summary>
    public static void Check(SweepMetric metric, ClassificationTask task)
    {
        bool binary = task is BinaryTask;
        bool fits = metric switch
        {
            SweepMetric.MicroAccuracy or SweepMetric.MacroAccuracy => !binary,
            SweepMetric.Accuracy or SweepMetric.AreaUnderRocCurve or SweepMetric.F1Score => binary,
            _ => true,
        };
        if (!fits)
        {
            var choices = binary ? "Accuracy, AreaUnderRocCurve, F1Score or LogLoss" : "MicroAccuracy, MacroAccuracy or LogLoss";
            throw new ArgumentException($"Metric {metric} does not fit {task.Name}; choose {choices}.", nameof(metric));
        }
    }

    public static double Compute(SweepMetric metric, IDataView scored, string labelColumn, ClassificationTask task) =>
        task is BinaryTask ? Binary(metric, scored, labelColumn) : Multiclass(metric, scored, labelColumn);

    private static double Multiclass(SweepMetric metric, IDataView scored, string labelColumn)
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
        RequireRows(rows, labelColumn);
        return metric switch
        {
            SweepMetric.MicroAccuracy => rightOfClass.Sum() / (double)rows,
            SweepMetric.MacroAccuracy => Enumerable.Range(0, classes).Where(c => rowsOfClass[c] > 0).Average(c => rightOfClass[c] / (double)rowsOfClass[c]),
            _ => logLoss / rows,
        };
    }

    private static double Binary(SweepMetric metric, IDataView scored, string labelColumn)
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

        RequireRows(rows.Count, labelColumn);
        long truePositives = rows.Count(r => r.Label && r.Score > 0);
        long predictedPositives = rows.Count(r => r.Score > 0);
        long positives = rows.Count(r => r.Label);
        return metric switch
        {
            SweepMetric.Accuracy => rows.Count(r => r.Label == r.Score > 0) / (double)rows.Count,
            SweepMetric.F1Score => truePositives == 0 ? 0 : 2.0 * truePositives / (predictedPositives + positives),
            SweepMetric.AreaUnderRocCurve => AreaUnderRocCurve(rows.Select(r => (r.Label, r.Score)).ToList()),
            _ => rows.Average(r => -Math.Log2(Math.Max(r.Label ? r.Probability : 1 - r.Probability, ProbabilityFloor))),
        };
    }

    /// <summary>The probability that a random positive outscores a random negative (ties count half).</summary>
    private static double AreaUnderRocCurve(List<(bool Label, float Score)> rows)
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

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    private static void RequireRows(long rows, string labelColumn)
    {
        if (rows == 0)
        {
            throw new InvalidOperationException($"The evaluation data has no rows with a label in column '{labelColumn}'; give the sweep more data or a larger test fraction.");
        }
    }
}
