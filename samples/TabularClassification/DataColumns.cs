using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace TabularClassification;

/// <summary>
/// The columns of a CSV file and their roles: the label, numeric features (missing values allowed, written NA or
/// left empty) and categorical features; columns that identify rows rather than describe them are left out. For a
/// file other than the shipped penguins, the roles are inferred from the header and the values, as Model Builder's
/// column inference does.
/// </summary>
public sealed record DataColumns(string Label, IReadOnlyList<string> Numeric, IReadOnlyList<string> Categorical)
{
    /// <summary>Columns left out of the features because they identify rows (see <see cref="ColumnSample.IsIdentifier"/>).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>
    /// The most one-hot slots a categorical column gets: one for each of its first 256 distinct values in file order;
    /// a later value is encoded as all zeros (a column of thousands of categories would otherwise widen the network's
    /// dense input by thousands).
    /// </summary>
    public const int MaximumCategories = 256;

    /// <summary>The character between fields: a comma, or the semicolon, tab or bar of the file's header line.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>The decimal marker of the file's numbers: a point, or a comma in a file not separated by commas that writes 3,14.</summary>
    public char DecimalMarker { get; init; } = '.';

    /// <summary>Why a column is in <see cref="Ignored"/>.</summary>
    public const string IdentifierReason = "row numbers, an unnamed index, or a different value in almost every row";

    /// <summary>The label's values seen in the file (a missing label, such as NA, is not one of them); <see langword="null"/> when not inferred.</summary>
    public IReadOnlyList<string>? LabelValues { get; init; }

    /// <summary>The number of data rows in the file; 0 when not inferred.</summary>
    public int Rows { get; init; }

    /// <summary>
    /// Whether the label looks like a number to predict rather than a class: more than 30 distinct values, all numbers,
    /// with at least one not a whole number or more distinct values than a fifth of the rows (as Model Builder would
    /// suggest the regression scenario).
    /// </summary>
    public bool LabelLooksLikeValues => LabelValues is { Count: > 30 } values
        && values.All(v => double.TryParse(v, NumberStyles.Float, Numbers, out _))
        && (values.Any(v => !long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) || values.Count > Rows / 5);

    private NumberFormatInfo Numbers => NumbersWith(DecimalMarker);

    private const int SampledRows = 1000;
    private static readonly string[] MissingMarkers = ["", "NA", "N/A", "NaN", "?"];

    /// <summary>The penguins as <see cref="PenguinsModel.ModelInput"/> declares them.</summary>
    public static DataColumns Penguins { get; } = new(PenguinsModel.LabelColumn,
        ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"], ["island", "sex"]);

    /// <summary>
    /// Reads the file (its separator and decimal marker found, fields split and columns named as <see cref="CsvFields"/>
    /// does): a column whose every present value
    /// in the first 1000 rows is a number is numeric, any other categorical, and a column that identifies rows there
    /// (<see cref="ColumnSample.IsIdentifier"/>) is ignored. The label's values are collected from every row, so that a
    /// missing label (NA) is left out of training rather than made a class.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty, has no rows, lacks the label column or has no feature column left.</exception>
    public static DataColumns Infer(string path, string label)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine() ?? "";
        char separator = CsvFields.SeparatorOf(first);
        var headerFields = CsvFields.Split(first, separator);
        var header = CsvFields.ColumnNames(headerFields);
        if (header.Length < 2)
        {
            throw new InvalidDataException($"'{path}' has no header line with at least two columns separated by commas, semicolons, tabs or bars.");
        }

        if (!header.Contains(label))
        {
            throw new InvalidDataException($"'{path}' has no column '{label}'; its columns are {string.Join(", ", header)}. Pass --label with one of them.");
        }

        int labelIndex = Array.IndexOf(header, label);
        var labelValues = new SortedSet<string>(StringComparer.Ordinal);
        var sampled = new List<string[]>();
        int rows = 0;
        for (string? line; (line = reader.ReadLine()) is not null; rows++)
        {
            var cells = CsvFields.Split(line, separator);
            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"'{path}' line {rows + 2} has {cells.Length} values but the header has {header.Length} columns.");
            }

            if (!MissingMarkers.Contains(cells[labelIndex]))
            {
                labelValues.Add(cells[labelIndex]);
            }

            if (rows < SampledRows)
            {
                sampled.Add(cells);
            }
        }

        if (rows == 0)
        {
            throw new InvalidDataException($"'{path}' has a header but no rows.");
        }

        bool decimalComma = separator != ',' && sampled.Any(cells => cells.Any(CsvFields.IsDecimalCommaNumber));
        var numbers = NumbersWith(decimalComma ? ',' : '.');
        var samples = headerFields.Select(name => new ColumnSample(unnamed: name.Length == 0, numbers)).ToArray();
        foreach (var cells in sampled)
        {
            for (int c = 0; c < cells.Length; c++)
            {
                samples[c].Add(cells[c], MissingMarkers.Contains(cells[c]));
            }
        }

        var features = header.Select((name, c) => (Name: name, Sample: samples[c])).Where(f => f.Name != label).ToArray();
        var ignored = features.Where(f => f.Sample.IsIdentifier).Select(f => f.Name).ToArray();
        if (features.Length == ignored.Length)
        {
            throw new InvalidDataException($"'{path}' has no feature column left to learn from: {string.Join(", ", ignored)} identify rows "
                + $"({IdentifierReason}). Add columns that describe the rows.");
        }

        var used = features.Where(f => !f.Sample.IsIdentifier).ToArray();
        return new DataColumns(label, [.. used.Where(f => f.Sample.IsNumeric).Select(f => f.Name)], [.. used.Where(f => !f.Sample.IsNumeric).Select(f => f.Name)])
        {
            Ignored = ignored,
            Separator = separator,
            DecimalMarker = decimalComma ? ',' : '.',
            LabelValues = [.. labelValues],
            Rows = rows,
        };
    }

    /// <summary>
    /// Loads a CSV with these roles: numbers as Single (missing values become NaN), everything else as text, the label
    /// as <paramref name="labelKind"/>; fields split by <see cref="Separator"/>, numbers read with <see cref="DecimalMarker"/>.
    /// </summary>
    public IDataView Load(MLContext mlContext, string path, DataKind labelKind = DataKind.String)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        using var reader = new StreamReader(path);
        var header = CsvFields.ColumnNames(CsvFields.Split(reader.ReadLine() ?? "", Separator));
        var columns = header.Select((name, index) => new TextLoader.Column(name, name == Label ? labelKind : Numeric.Contains(name) ? DataKind.Single : DataKind.String, index))
            .Where(column => column.Name == Label || Numeric.Contains(column.Name) || Categorical.Contains(column.Name))
            .ToArray();
        var options = new TextLoader.Options
        {
            Columns = columns,
            Separators = [Separator],
            DecimalMarker = DecimalMarker,
            HasHeader = true,
            AllowQuoting = true,
        };
        return mlContext.Data.LoadFromTextFile(path, options);
    }

    /// <summary>How a file with this decimal marker writes numbers.</summary>
    private static NumberFormatInfo NumbersWith(char decimalMarker) =>
        decimalMarker == '.' ? NumberFormatInfo.InvariantInfo : new NumberFormatInfo { NumberDecimalSeparator = decimalMarker.ToString() };
}
