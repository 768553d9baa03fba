namespace TabularClassification;

/// <summary>
/// What the data says that would make the model or its test metrics mislead: before training, a label of many numbers
/// (a regression), a column that alone tells the label (often written after the outcome), numbers the loader reads as
/// text, and classes with too few rows to learn or to test; after it, a test split too small to measure with.
/// </summary>
public static class DataWarnings
{
    private const int RareClassRows = 10;
    private const int FewTestRows = 50;

    /// <summary>Writes a warning line to standard error for each thing found.</summary>
    public static void Print(DataColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        string label = columns.Label;
        if (columns.LabelLooksLikeValues)
        {
            Console.Error.WriteLine($"warning: label '{label}' holds {columns.LabelValues!.Count} distinct numbers, so it looks like a value to "
                + "predict; this sample classifies, each value a class. For a number, train mlContext.Regression.Trainers.DropoutMlp (README, 'Regression').");
        }

        foreach (var column in columns.TellingColumns)
        {
            Console.Error.WriteLine($"warning: column '{column}' alone tells '{label}' for more than 99 % of the rows. If it is known only once "
                + $"'{label}' is (recorded after the outcome), it gives the answer away and the test metrics promise what new rows will not get: "
                + $"leave it out with --ignore {column}.");
        }

        foreach (var (column, example) in columns.MarkedNumbers)
        {
            Console.Error.WriteLine($"warning: column '{column}' holds numbers written with currency or percent signs or thousands separators "
                + $"('{example}'), which ML.NET's text loader reads as text, so it is "
                + (columns.Ignored.Contains(column) ? "ignored (a different text in almost every row)" : "one-hot encoded as categories")
                + ". Write its numbers plainly in the CSV to use them as numbers.");
        }

        var rare = columns.RareClasses(RareClassRows).ToArray();
        if (rare.Length > 0)
        {
            var named = string.Join(", ", rare.Take(5).Select(pair => $"'{pair.Key}' ({pair.Value} row{(pair.Value == 1 ? "" : "s")})"))
                + (rare.Length > 5 ? $" and {rare.Length - 5} more" : "");
            Console.Error.WriteLine($"warning: {rare.Length} of the {columns.LabelCounts!.Count} classes of '{label}' {(rare.Length == 1 ? "has" : "have")} fewer than {RareClassRows} rows: "
                + $"{named}. The network has few rows to learn them from and the 20 % test split may hold none, so the test metrics say little about them.");
        }
    }

    /// <summary>Warns when the test split holds so few labelled rows that one row moves the accuracy by a point or more.</summary>
    public static void PrintFewTestRows(double testRows)
    {
        if (testRows is > 0 and < FewTestRows)
        {
            Console.Error.WriteLine($"warning: the test split holds {testRows:F0} labelled rows, so one row moves the accuracy by {100 / testRows:F1} points; "
                + "with so few rows, mlContext.MulticlassClassification.CrossValidate over all of them says more.");
        }
    }
}
