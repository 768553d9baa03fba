using Microsoft.ML;
using Microsoft.ML.Data;

namespace TabularClassification;

/// <summary>
/// The area under the ROC curve of a two-class model on scored rows, which Model Builder reports for yes/no labels:
/// the chance that a row of the second class gets a higher score for that class than a row of the first (ties count
/// half), from the ranks of the scores (the Mann-Whitney statistic).
/// </summary>
public static class TwoClassAuc
{
    /// <summary>
    /// The AUC of the second class (in key order) against the first, with their names from the Score column's slot
    /// names; <see langword="null"/> unless the model has two classes and the rows hold both.
    /// </summary>
    public static (double Auc, string Positive, string Negative)? Of(IDataView scored, string keyLabel)
    {
        ArgumentNullException.ThrowIfNull(scored);
        if (scored.Schema["Score"].Type is not VectorDataViewType { Size: 2 })
        {
            return null;
        }

        var rows = Rows(scored, keyLabel).OrderBy(row => row.Score).ToArray();
        long positives = rows.LongCount(row => row.Positive);
        long negatives = rows.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        double positiveRanks = 0;
        for (int start = 0; start < rows.Length;)
        {
            int end = start;
            int tiedPositives = 0;
            for (; end < rows.Length && rows[end].Score == rows[start].Score; end++)
            {
                tiedPositives += rows[end].Positive ? 1 : 0;
            }

            positiveRanks += (start + end + 1) / 2.0 * tiedPositives;
            start = end;
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        scored.Schema["Score"].GetSlotNames(ref names);
        var classes = names.DenseValues().Select(name => name.ToString()).ToArray();
        return ((positiveRanks - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives), classes[1], classes[0]);
    }

    /// <summary>The labelled rows' classes and second-class scores, in one pass over the scored rows.</summary>
    private static IEnumerable<(bool Positive, float Score)> Rows(IDataView scored, string keyLabel)
    {
        using var cursor = scored.GetRowCursor([scored.Schema[keyLabel], scored.Schema["Score"]]);
        var getKey = cursor.GetGetter<uint>(scored.Schema[keyLabel]);
        var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        uint key = 0;
        VBuffer<float> score = default;
        while (cursor.MoveNext())
        {
            getKey(ref key);
            if (key is 1 or 2)
            {
                getScore(ref score);
                yield return (key == 2, score.GetItemOrDefault(1));
            }
        }
    }
}
