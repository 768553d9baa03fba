using System.Runtime.InteropServices;

namespace TabularClassification;

/// <summary>
/// One pass over a CSV file and what it tells before any training: the separator and the columns' names, the number of
/// rows, the rows of each label value, the first rows (for the columns' types), and for every column how well it alone
/// tells the label (<see cref="OneColumnRule"/>).
/// </summary>
public sealed class CsvSurvey
{
    /// <summary>How many of the first rows are kept for inferring the columns' types.</summary>
    public const int SampledRows = 1000;

    private static readonly string[] MissingMarkers = ["", "NA", "N/A", "NaN", "?"];
    private readonly int[] _missing;
    private readonly Dictionary<string, int> _labelIndices = new(StringComparer.Ordinal);
    private readonly List<int> _labelRows = [];

    private CsvSurvey(char separator, string[] headerFields, string label)
    {
        Separator = separator;
        HeaderFields = headerFields;
        Header = CsvFields.ColumnNames(headerFields);
        LabelIndex = Array.IndexOf(Header, label);
        // No rules without the label: the survey is refused, and a header of millions of names must not cost gigabytes first.
        Rules = LabelIndex < 0 ? [] : [.. Header.Select(_ => new OneColumnRule())];
        _missing = new int[Header.Length];
    }

    /// <summary>The character between fields.</summary>
    public char Separator { get; }

    /// <summary>The header's fields as written (an empty one for an unnamed column).</summary>
    public IReadOnlyList<string> HeaderFields { get; }

    /// <summary>The columns' names (<see cref="CsvFields.ColumnNames"/>).</summary>
    public string[] Header { get; }

    /// <summary>The label's position in <see cref="Header"/>; -1 when the file has no such column.</summary>
    public int LabelIndex { get; }

    /// <summary>The number of data rows.</summary>
    public int Rows { get; private set; }

    /// <summary>The rows of each present label value.</summary>
    public Dictionary<string, int> LabelCounts => _labelIndices.ToDictionary(pair => pair.Key, pair => _labelRows[pair.Value], StringComparer.Ordinal);

    /// <summary>The first <see cref="SampledRows"/> rows' fields.</summary>
    public List<string[]> Sampled { get; } = [];

    /// <summary>Each column's one-rule classifier, counted on the rows with a present label (the label's own is unused).</summary>
    public IReadOnlyList<OneColumnRule> Rules { get; }

    /// <summary>The number of rows with a missing value in each column.</summary>
    public IReadOnlyList<int> Missing => _missing;

    /// <summary>The share of rows with a present label that have the commonest label.</summary>
    public double CommonestShare => _labelRows.Count == 0 ? 0 : (double)_labelRows.Max() / _labelRows.Sum();

    /// <summary>Whether a field marks a missing value: empty, NA, N/A, NaN or ? in any casing (as ML.NET's text loader reads them when it reads missing numbers as NaN).</summary>
    public static bool IsMissing(string field) => MissingMarkers.Contains(field, StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts one row's fields; <paramref name="missing"/> is a buffer of the row's width for which of them are missing.</summary>
    private void Add(string[] cells, bool[] missing)
    {
        Rows++;
        for (int c = 0; c < cells.Length; c++)
        {
            missing[c] = IsMissing(cells[c]);
            _missing[c] += missing[c] ? 1 : 0;
        }

        if (Rows <= SampledRows)
        {
            Sampled.Add(cells);
        }

        if (missing[LabelIndex])
        {
            return;
        }

        ref int label = ref CollectionsMarshal.GetValueRefOrAddDefault(_labelIndices, cells[LabelIndex], out bool seen);
        if (!seen)
        {
            label = _labelRows.Count;
            _labelRows.Add(0);
        }

        _labelRows[label]++;
        for (int c = 0; c < cells.Length; c++)
        {
            Rules[c].Add(cells[c], missing[c], label);
        }
    }

    /// <summary>Whether ML.NET's text loader skips the line: an empty one, or a comment starting with "//".</summary>
    public static bool IsSkipped(string line) => line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal);

    /// <summary>
    /// Reads the whole file once; empty lines and "//" comments are skipped, and empty fields after the header's last
    /// column (a row ended with a separator) dropped, as ML.NET's text loader does.
    /// </summary>
    /// <exception cref="InvalidDataException">The header has fewer than two columns or lacks the label, or a line has another number of fields.</exception>
    public static CsvSurvey Read(string path, string label)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine() ?? "";
        char separator = CsvFields.SeparatorOf(first);
        var survey = new CsvSurvey(separator, CsvFields.Split(first, separator), label);
        var header = survey.Header;
        if (header.Length < 2)
        {
            throw new InvalidDataException($"'{path}' has no header line with at least two columns separated by commas, semicolons, tabs or bars.");
        }

        if (survey.LabelIndex < 0)
        {
            throw new InvalidDataException($"'{path}' has no column '{label}'; its columns are {string.Join(", ", header.Take(30))}{(header.Length > 30 ? $" and {header.Length - 30} more" : "")}. Pass --label with one of them.");
        }

        int lineNumber = 2;
        var missing = new bool[header.Length];
        for (string? record; (record = CsvFields.ReadRecord(reader, separator)) is not null;)
        {
            int lines = record.AsSpan().Count('\n') + 1;
            if (IsSkipped(record))
            {
                lineNumber += lines;
                continue;
            }

            var cells = CsvFields.Split(record, separator);
            if (cells.Length > header.Length && cells.Skip(header.Length).All(cell => cell.Length == 0))
            {
                cells = cells[..header.Length];
            }

            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"'{path}' line {lineNumber} has {cells.Length} values but the header has {header.Length} columns"
                    + (lines > 1 ? $" (a quoted field there runs over {lines} lines: check it for a missing closing quote)." : "."));
            }

            lineNumber += lines;
            survey.Add(cells, missing);
        }

        return survey;
    }
}
