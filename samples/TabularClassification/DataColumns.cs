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

    /// <summary>
    /// The numeric columns with a missing value in the file: each gets a feature of its own saying where it is missing
    /// (as AutoML's featurizer does), since the mean that replaces a missing value cannot say it.
    /// </summary>
    public IReadOnlyList<string> WithMissing { get; init; } = [];

    /// <summary>
    /// Text columns whose values are numbers written with currency or percent signs or thousands separators, each with
    /// one of its values (<see cref="ColumnSample.MarkedNumber"/>): the loader reads them as text, not numbers.
    /// </summary>
    public IReadOnlyDictionary<string, string> MarkedNumbers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The key-typed label column the pipeline trains and evaluates on: "Label", or "Label.key" when another column of
    /// the file is named Label (mapping the label onto that name would hide that column, or encode the label as a feature).
    /// </summary>
    public string KeyLabel { get; init; } = DefaultKeyLabel;

    private const string DefaultKeyLabel = "Label";

    /// <summary>Columns left out of the features because the command line named them (--ignore).</summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];

    /// <summary>Feature columns that alone tell the label of almost every row (<see cref="OneColumnRule.TellsTheLabel"/>).</summary>
    public IReadOnlyList<string> TellingColumns { get; init; } = [];

    /// <summary>The label's values seen in the file, in order (a missing label, such as NA, is not one of them); <see langword="null"/> when not inferred.</summary>
    public IReadOnlyList<string>? LabelValues => LabelCounts?.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The number of rows of each label value in the file; <see langword="null"/> when not inferred.</summary>
    public IReadOnlyDictionary<string, int>? LabelCounts { get; init; }

    /// <summary>The label values with fewer than <paramref name="rows"/> rows, fewest first.</summary>
    public IEnumerable<KeyValuePair<string, int>> RareClasses(int rows) =>
        (LabelCounts ?? new Dictionary<string, int>()).Where(pair => pair.Value < rows).OrderBy(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal);

    /// <summary>The number of rows whose label is missing (NA or empty), which training and evaluation leave out.</summary>
    public int UnlabeledRows => LabelCounts is null ? 0 : Rows - LabelCounts.Values.Sum();

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

    /// <summary>The penguins' numeric columns, each with a missing value in the shipped file.</summary>
    private static readonly string[] PenguinMeasurements = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"];

    /// <summary>The penguins as <see cref="PenguinsModel.ModelInput"/> declares them.</summary>
    public static DataColumns Penguins { get; } = new(PenguinsModel.LabelColumn, PenguinMeasurements, ["island", "sex"])
    {
        WithMissing = PenguinMeasurements,
    };

    /// <summary>The penguins' columns without those named in <paramref name="leaveOut"/>.</summary>
    /// <exception cref="InvalidDataException">A name in <paramref name="leaveOut"/> is not a feature column of the penguins.</exception>
    public static DataColumns PenguinsWithout(IReadOnlyCollection<string> leaveOut)
    {
        CheckLeftOut(leaveOut, [PenguinsModel.LabelColumn, .. Penguins.Numeric, .. Penguins.Categorical], PenguinsModel.LabelColumn, "the shipped penguins");
        return new(Penguins.Label, [.. Penguins.Numeric.Except(leaveOut)], [.. Penguins.Categorical.Except(leaveOut)])
        {
            WithMissing = [.. Penguins.WithMissing.Except(leaveOut)],
            LeftOut = [.. leaveOut],
        };
    }

    /// <summary>
    /// Reads the file (<see cref="CsvSurvey"/>): a column whose every present value in the first 1000 rows is a number
    /// is numeric, any other categorical; a column that identifies rows there (<see cref="ColumnSample.IsIdentifier"/>)
    /// is ignored, and so are the columns in <paramref name="leaveOut"/>. The label's values are collected from every
    /// row, so that a missing label (NA) is left out of training rather than made a class.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is empty, has no rows, lacks the label column, has fewer than two label values or no feature column
    /// left, or <paramref name="leaveOut"/> names a column it does not have or the label.
    /// </exception>
    public static DataColumns Infer(string path, string label, IReadOnlyCollection<string>? leaveOut = null)
    {
        leaveOut ??= [];
        var survey = CsvSurvey.Read(path, label);
        var header = survey.Header;
        CheckLeftOut(leaveOut, header, label, $"'{path}'");
        if (survey.Rows == 0)
        {
            throw new InvalidDataException($"'{path}' has a header but no rows.");
        }

        var labelCounts = survey.LabelCounts;
        if (labelCounts.Count < 2)
        {
            var values = labelCounts.Count == 0 ? "no value but missing ones" : $"the one value '{labelCounts.Keys.Single()}'";
            throw new InvalidDataException($"'{path}' column '{label}' has {values}: a classifier learns from rows of at least two classes. Pass --label with another column.");
        }

        bool decimalComma = survey.Separator != ',' && survey.Sampled.Any(cells => cells.Any(CsvFields.IsDecimalCommaNumber));
        var numbers = NumbersWith(decimalComma ? ',' : '.');
        var samples = survey.HeaderFields.Select(name => new ColumnSample(unnamed: name.Length == 0, numbers)).ToArray();
        foreach (var cells in survey.Sampled)
        {
            for (int c = 0; c < cells.Length; c++)
            {
                samples[c].Add(cells[c], CsvSurvey.IsMissing(cells[c]));
            }
        }

        var features = header.Select((name, c) => (Name: name, Sample: samples[c], Rule: survey.Rules[c], Missing: survey.Missing[c]))
            .Where(f => f.Name != label && !leaveOut.Contains(f.Name)).ToArray();
        var ignored = features.Where(f => f.Sample.IsIdentifier).Select(f => f.Name).ToArray();
        if (features.Length == ignored.Length)
        {
            throw new InvalidDataException($"'{path}' has no feature column left to learn from: {string.Join(", ", ignored.Concat(leaveOut))} "
                + $"identify rows ({IdentifierReason}) or were left out with --ignore. Add columns that describe the rows.");
        }

        var used = features.Where(f => !f.Sample.IsIdentifier).ToArray();
        return new DataColumns(label, [.. used.Where(f => f.Sample.IsNumeric).Select(f => f.Name)], [.. used.Where(f => !f.Sample.IsNumeric).Select(f => f.Name)])
        {
            Ignored = ignored,
            LeftOut = [.. header.Where(leaveOut.Contains)],
            TellingColumns = [.. used.Where(f => f.Rule.TellsTheLabel(survey.CommonestShare)).Select(f => f.Name)],
            MarkedNumbers = features.Where(f => f.Sample.MarkedNumber is not null).ToDictionary(f => f.Name, f => f.Sample.MarkedNumber!),
            WithMissing = [.. used.Where(f => f.Sample.IsNumeric && f.Missing > 0).Select(f => f.Name)],
            KeyLabel = label == DefaultKeyLabel || !header.Contains(DefaultKeyLabel) ? DefaultKeyLabel : UnusedName($"{DefaultKeyLabel}.key", header),
            Separator = survey.Separator,
            DecimalMarker = decimalComma ? ',' : '.',
            LabelCounts = labelCounts,
            Rows = survey.Rows,
        };
    }

    /// <summary>
    /// Loads a CSV with these roles: numbers as Single (missing values become NaN), everything else as text, the label
    /// as <paramref name="labelKind"/>, read with <see cref="LoaderOptions"/> of this file's <see cref="Separator"/> and
    /// <see cref="DecimalMarker"/>.
    /// </summary>
    public IDataView Load(MLContext mlContext, string path, DataKind labelKind = DataKind.String)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        using var reader = new StreamReader(path);
        var header = CsvFields.ColumnNames(CsvFields.Split(reader.ReadLine() ?? "", Separator));
        var columns = header.Select((name, index) => new TextLoader.Column(name, name == Label ? labelKind : Numeric.Contains(name) ? DataKind.Single : DataKind.String, index))
            .Where(column => column.Name == Label || Numeric.Contains(column.Name) || Categorical.Contains(column.Name))
            .ToArray();
        var options = LoaderOptions(Separator, DecimalMarker);
        options.Columns = columns;
        return mlContext.Data.LoadFromTextFile(path, options);
    }

    private static string UnusedName(string name, string[] header)
    {
        var unused = name;
        for (int copy = 1; header.Contains(unused); copy++)
        {
            unused = $"{name}{copy}";
        }

        return unused;
    }

    private static void CheckLeftOut(IReadOnlyCollection<string> leaveOut, IReadOnlyCollection<string> columns, string label, string data)
    {
        if (leaveOut.FirstOrDefault(name => !columns.Contains(name)) is { } unknown)
        {
            throw new InvalidDataException($"--ignore names '{unknown}', which is not a column of {data}; its columns are {string.Join(", ", columns)}.");
        }

        if (leaveOut.Contains(label))
        {
            throw new InvalidDataException($"--ignore names the label '{label}'; pass --label with the column to predict and --ignore with feature columns only.");
        }
    }

    /// <summary>
    /// How the sample's files are read, typed or not: a header, fields split by <paramref name="separator"/> with quoting
    /// (a quoted field may hold line breaks), numbers read with <paramref name="decimalMarker"/>, and an empty number read
    /// as missing as NA is (not as 0, the loader's default).
    /// </summary>
    public static TextLoader.Options LoaderOptions(char separator, char decimalMarker, bool hasHeader = true) => new()
    {
        Separators = [separator],
        DecimalMarker = decimalMarker,
        HasHeader = hasHeader,
        AllowQuoting = true,
        ReadMultilines = true,
        MissingRealsAsNaNs = true,
    };

    /// <summary>How a file with this decimal marker writes numbers.</summary>
    private static NumberFormatInfo NumbersWith(char decimalMarker) =>
        decimalMarker == '.' ? NumberFormatInfo.InvariantInfo : new NumberFormatInfo { NumberDecimalSeparator = decimalMarker.ToString() };
}
