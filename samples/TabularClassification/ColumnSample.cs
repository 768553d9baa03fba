using System.Globalization;

namespace TabularClassification;

/// <summary>
/// What the first rows of a CSV say about one column: whether every present value is a number, and whether the column
/// identifies rows rather than describes them.
/// </summary>
public sealed class ColumnSample
{
    private const double IdentifierShare = 0.9;
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private readonly bool _unnamed;
    private readonly NumberFormatInfo _numbers;
    private float? _first;
    private float? _previous;
    private bool _rising = true;
    private bool _wholeNumbers = true;
    private bool _markedNumbers = true;
    private string? _markedExample;

    /// <summary>A column yet to read; <paramref name="unnamed"/> says whether its header name is empty, <paramref name="numbers"/> how the file writes numbers.</summary>
    public ColumnSample(bool unnamed, NumberFormatInfo numbers)
    {
        _unnamed = unnamed;
        _numbers = numbers;
    }

    /// <summary>Whether every present value read is a number (a column with no present value is numeric).</summary>
    public bool IsNumeric { get; private set; } = true;

    /// <summary>
    /// A value of a text column whose every present value is a number once currency signs, percent signs and thousands
    /// separators are taken off ("$1,234.50", "12 %"), which ML.NET's text loader reads as text; <see langword="null"/> for any other column.
    /// </summary>
    public string? MarkedNumber => !IsNumeric && _markedNumbers ? _markedExample : null;

    /// <summary>The number of present (not missing) values read.</summary>
    public int Present { get; private set; }

    /// <summary>
    /// Whether the column identifies rows: its values are row numbers (whole numbers rising from row to row by one, or by
    /// two at most on average where rows were taken out of a numbered table), or it has no name and a different whole
    /// number in every row (the index column pandas' and R's CSV writers add, which after a shuffle still holds the
    /// order the data had, often sorted by the label), or it is text with a
    /// different value in nine present values of ten (an id, a name, a ticket number). A model would learn nothing from
    /// it that carries to new rows, or worse, the order a file happened to be sorted in; Model Builder ignores such
    /// text columns too.
    /// </summary>
    public bool IsIdentifier => IsNumeric
        ? Present >= 2 && _wholeNumbers && (CountsRows || (_unnamed && _distinct.Count == Present))
        : _distinct.Count >= IdentifierShare * Present;

    private static readonly char[] Marks = ['$', '€', '£', '¥', '%', ' ', '\u00A0'];

    private bool IsMarkedNumber(string cell)
    {
        char thousands = _numbers.NumberDecimalSeparator == "," ? '.' : ',';
        string plain = string.Concat(cell.Where(c => c != thousands && !Marks.Contains(c)));
        return plain.Length > 0 && float.TryParse(plain, _numbers, out _);
    }

    private bool CountsRows => _rising && _previous - _first <= 2 * (Present - 1);

    /// <summary>Takes the next row's value (unquoted and trimmed); <paramref name="missing"/> says whether it marks a missing value.</summary>
    public void Add(string cell, bool missing)
    {
        if (missing)
        {
            _rising = false;
            return;
        }

        Present++;
        _distinct.Add(cell);
        bool isNumber = float.TryParse(cell, _numbers, out float number);
        IsNumeric &= isNumber;
        if (!isNumber)
        {
            _markedNumbers = _markedNumbers && IsMarkedNumber(cell);
            _markedExample ??= cell;
        }

        _wholeNumbers &= isNumber && number == MathF.Floor(number);
        _rising &= _wholeNumbers && (_previous is not { } previous || number > previous);
        _first ??= number;
        _previous = number;
    }
}
