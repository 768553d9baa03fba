namespace Dropout.MLNet.Orleans;

/// <summary>One searched hyperparameter on the wire: a uniform range ("single", "int") or a choice, with typed values as text.</summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.SearchOptionData")]
public sealed record SearchOptionData
{
    /// <summary>The hyperparameter's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>"single", "int" or "choice".</summary>
    [Id(1)] public required string Kind { get; init; }

    /// <summary>A range's ends (as text, round trip).</summary>
    [Id(2)] public string Min { get; init; } = "";

    /// <summary>A range's upper end.</summary>
    [Id(3)] public string Max { get; init; } = "";

    /// <summary>Whether a range is searched on a log scale.</summary>
    [Id(4)] public bool LogBase { get; init; }

    /// <summary>The default value.</summary>
    [Id(5)] public required ValueData Default { get; init; }

    /// <summary>A choice's candidates.</summary>
    [Id(6)] public IReadOnlyList<ValueData> Choices { get; init; } = [];

    /// <inheritdoc/>
    public bool Equals(SearchOptionData? other) => other is not null && Name == other.Name && Kind == other.Kind && Min == other.Min
        && Max == other.Max && LogBase == other.LogBase && Default == other.Default && Choices.SequenceEqual(other.Choices);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Kind, Min, Max);
}

/// <summary>A typed value as text: its .NET type's name and round-trip text.</summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.ValueData")]
public sealed record ValueData([property: Id(0)] string Type, [property: Id(1)] string Text);
