namespace TabularClassification;

/// <summary>
/// How well one column alone tells the label: each of its values predicts the label most rows with that value have
/// (Holte's one-rule classifier, counted on the rows it is shown), and so does whether the value is missing. A column
/// that tells the label of almost every row through a few values is often recorded after the label is known (a cause
/// of death beside "died", a refund date beside "churned"), and then a model learns the answer instead of the question.
/// </summary>
public sealed class OneColumnRule
{
    /// <summary>The most distinct present values a column may have for its values to be counted (its missing values always are).</summary>
    public const int MaximumValues = 64;

    private const double TellingAccuracy = 0.99;
    private const int RowsPerValue = 20;
    private readonly Dictionary<string, Dictionary<int, int>> _labelsByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _missing = [];
    private readonly Dictionary<int, int> _present = [];
    private bool _manyValues;
    private int _rows;

    /// <summary>Counts one row: the column's value (<paramref name="missing"/> when it marks a missing value) and the row's label, by its index.</summary>
    public void Add(string value, bool missing, int label)
    {
        _rows++;
        Count(missing ? _missing : _present, label);
        if (missing || _manyValues)
        {
            return;
        }

        if (!_labelsByValue.TryGetValue(value, out var labels))
        {
            _manyValues = _labelsByValue.Count == MaximumValues;
            if (_manyValues)
            {
                _labelsByValue.Clear();
                return;
            }

            _labelsByValue[value] = labels = [];
        }

        Count(labels, label);
    }

    /// <summary>The share of the counted rows the rule of the column's values (a missing value one of them) gets right; 0 for a column of many values.</summary>
    public double Accuracy => _manyValues ? 0 : RuleAccuracy([_missing, .. _labelsByValue.Values]);

    /// <summary>The share the rule gets right that sees only whether the value is missing.</summary>
    public double MissingAccuracy => RuleAccuracy([_missing, _present]);

    /// <summary>
    /// Whether the column tells the label: its rule is right for at least 99 % of the rows and makes at most a tenth of
    /// the errors of predicting the commonest label (<paramref name="commonestShare"/> of the rows) everywhere, with
    /// at least 20 rows a value.
    /// </summary>
    public bool TellsTheLabel(double commonestShare) => Tells(MissingAccuracy, 2, commonestShare)
        || Tells(Accuracy, _labelsByValue.Count + (_missing.Count > 0 ? 1 : 0), commonestShare);

    private bool Tells(double accuracy, int values, double commonestShare) =>
        accuracy >= TellingAccuracy && 1 - accuracy <= (1 - commonestShare) / 10 && values * RowsPerValue <= _rows;

    private double RuleAccuracy(IEnumerable<Dictionary<int, int>> groups) =>
        _rows == 0 ? 0 : (double)groups.Where(labels => labels.Count > 0).Sum(labels => labels.Values.Max()) / _rows;

    private static void Count(Dictionary<int, int> labels, int label) => labels[label] = labels.GetValueOrDefault(label) + 1;
}
