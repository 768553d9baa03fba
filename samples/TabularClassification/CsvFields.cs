using System.Text;
using System.Text.RegularExpressions;

namespace TabularClassification;

/// <summary>
/// The fields of one CSV line as ML.NET's text loader reads them with quoting allowed: a separator inside double quotes
/// belongs to its field ("Braund, Mr. Owen Harris"), a doubled quote inside quotes is one quote, and each field is
/// trimmed and unquoted; a quoted field may run over several lines. The separator is a comma, or the semicolon, tab or
/// bar a header line uses instead.
/// </summary>
public static partial class CsvFields
{
    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>The separator of a file with this header line: whichever of comma, semicolon, tab and bar it has most of outside quotes.</summary>
    public static char SeparatorOf(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var unquoted = string.Concat(header.Split('"').Where((_, i) => i % 2 == 0));
        return Separators.OrderByDescending(s => unquoted.Count(c => c == s)).First();
    }

    /// <summary>Whether a field is a number written with a decimal comma (3,14 or -0,5e3), as a semicolon-separated file from a European spreadsheet writes them.</summary>
    public static bool IsDecimalCommaNumber(string field) => DecimalCommaNumber().IsMatch(field);

    /// <summary>
    /// Splits <paramref name="line"/> into its fields. A quote opens a quoted field only as the field's first character
    /// (spaces before it aside), as RFC 4180 and ML.NET's loader read it: the inch mark of <c>12" pizza</c> is part of an
    /// unquoted field.
    /// </summary>
    public static string[] Split(string line, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (quoted && c == '"')
            {
                quoted = false;
            }
            else if (!quoted && c == '"' && IsBlank(field))
            {
                field.Clear();
                quoted = true;
            }
            else if (c == separator && !quoted)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return [.. fields];
    }

    /// <summary>
    /// Reads the next record: one line, or several while a quoted field holds line breaks (as Excel and Python's csv
    /// module write a multi-line comment), joined by '\n'; <see langword="null"/> at the end of the file.
    /// </summary>
    /// <exception cref="InvalidDataException">A quoted field stays open over more than <see cref="MaximumRecordLines"/> lines (a missing closing quote).</exception>
    public static string? ReadRecord(TextReader reader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = reader.ReadLine();
        if (line is null || !EndsInsideQuotes(line, separator, false))
        {
            return line;
        }

        var record = new StringBuilder(line);
        bool open = true;
        for (int lines = 1; open && reader.ReadLine() is { } next; lines++)
        {
            if (lines == MaximumRecordLines)
            {
                throw new InvalidDataException(
                    $"A quoted field that starts with \"{Preview(line)}\" is not closed within {MaximumRecordLines} lines: a field that starts with a quote must end with one (write a quote inside it as two quotes).");
            }

            record.Append('\n').Append(next);
            open = EndsInsideQuotes(next, separator, true);
        }

        return record.ToString();
    }

    /// <summary>The most lines one quoted field may run over before the file is taken to lack a closing quote.</summary>
    public const int MaximumRecordLines = 10_000;

    /// <summary>Whether a quoted field is still open at the end of <paramref name="line"/>, read from a start inside one or not, as ML.NET's loader decides it.</summary>
    private static bool EndsInsideQuotes(string line, char separator, bool startsQuoted)
    {
        bool quoted = startsQuoted, atFieldStart = !startsQuoted;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
            }
            else if (c == separator)
            {
                atFieldStart = true;
            }
            else if (c != ' ')
            {
                atFieldStart = false;
            }
        }

        return quoted;
    }

    private static bool IsBlank(StringBuilder field)
    {
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private static string Preview(string line) => line.Length <= 40 ? line : line[..40] + "…";

    /// <summary>
    /// The column names of a header line's fields: an empty name (the index column that pandas' and R's CSV writers add)
    /// becomes Column1, Column2, ... by its position, and a repeated name gets ".1", ".2", ... as pandas reads it.
    /// </summary>
    public static string[] ColumnNames(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var names = fields.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nextCopy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            var given = names[i].Length == 0 ? $"Column{i + 1}" : names[i];
            var name = given;
            // Each name remembers its next copy number, so a header of a million repeats is named in one pass.
            for (int copy = nextCopy.GetValueOrDefault(given, 1); !seen.Add(name); copy++)
            {
                name = $"{given}.{copy}";
                nextCopy[given] = copy + 1;
            }

            names[i] = name;
        }

        return names;
    }

    [GeneratedRegex("^[-+]?[0-9]*,[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalCommaNumber();
}
