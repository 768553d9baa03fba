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

    /// <summary>Splits <paramref name="line"/> into its fields.</summary>
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
            else if (c == '"')
            {
                quoted = !quoted;
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
    public static string? ReadRecord(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = reader.ReadLine();
        int quotes = line is null ? 0 : line.AsSpan().Count('"');
        if (quotes % 2 == 0)
        {
            return line;
        }

        var record = new StringBuilder(line);
        while (quotes % 2 == 1 && reader.ReadLine() is { } next)
        {
            record.Append('\n').Append(next);
            quotes += next.AsSpan().Count('"');
        }

        return record.ToString();
    }

    /// <summary>
    /// The column names of a header line's fields: an empty name (the index column that pandas' and R's CSV writers add)
    /// becomes Column1, Column2, ... by its position, and a repeated name gets ".1", ".2", ... as pandas reads it.
    /// </summary>
    public static string[] ColumnNames(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var names = fields.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            var given = names[i].Length == 0 ? $"Column{i + 1}" : names[i];
            var name = given;
            for (int copy = 1; !seen.Add(name); copy++)
            {
                name = $"{given}.{copy}";
            }

            names[i] = name;
        }

        return names;
    }

    [GeneratedRegex("^[-+]?[0-9]*,[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalCommaNumber();
}
