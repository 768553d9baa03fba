using System.Text;

namespace TabularClassification;

/// <summary>
/// The fields of one CSV line as ML.NET's text loader reads them with quoting allowed: a comma inside double quotes
/// belongs to its field ("Braund, Mr. Owen Harris"), a doubled quote inside quotes is one quote, and each field is
/// trimmed and unquoted.
/// </summary>
public static class CsvFields
{
    /// <summary>Splits <paramref name="line"/> into its fields.</summary>
    public static string[] Split(string line)
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
            else if (c == ',' && !quoted)
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
    /// The column names of a header line: an empty name (the index column that pandas' and R's CSV writers add) becomes
    /// Column1, Column2, ... by its position, and a repeated name gets ".1", ".2", ... as pandas reads it.
    /// </summary>
    public static string[] Header(string line)
    {
        var names = Split(line);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            var name = names[i].Length == 0 ? $"Column{i + 1}" : names[i];
            for (int copy = 1; !seen.Add(name); copy++)
            {
                name = $"{names[i]}.{copy}";
            }

            names[i] = name;
        }

        return names;
    }
}
