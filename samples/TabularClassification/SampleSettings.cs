namespace TabularClassification;

/// <summary>What the command line asked for.</summary>
/// <param name="DataPath">The CSV file; the shipped penguins when not given.</param>
/// <param name="Label">The label column.</param>
/// <param name="DropoutRate">The dropout rate of the network (without --sweep); the trainer's default when not given.</param>
/// <param name="Epochs">The largest number of epochs; the trainer's default when not given.</param>
/// <param name="OutputFolder">Where PenguinsModel.mlnet and the pictures go.</param>
/// <param name="Sweep">Whether to sweep the dropout rate and learning rate first.</param>
/// <param name="SweepTrials">The number of trials of the sweep.</param>
/// <param name="Seed">The seed of the split, the network and the sweep.</param>
public sealed record SampleSettings(
    string? DataPath, string Label, float? DropoutRate, int? Epochs, string OutputFolder, bool Sweep, int SweepTrials, int Seed)
{
    /// <summary>With --sweep, the folder the sweep writes every trial to and resumes from; <see langword="null"/> for none.</summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Columns to leave out of the features (--ignore), as Model Builder's column settings ignore them.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>The penguins shipped beside the app.</summary>
    public static string ShippedData => Path.Combine(AppContext.BaseDirectory, "Data", "penguins.csv");

    /// <summary>Whether the run predicts the species of the shipped penguins, whose columns <see cref="PenguinsModel.ModelInput"/> declares.</summary>
    public bool IsPenguins => DataPath is null && Label == PenguinsModel.LabelColumn;

    /// <summary>The CSV to read.</summary>
    public string DataFile => DataPath ?? ShippedData;
}
