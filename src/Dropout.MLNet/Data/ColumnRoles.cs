namespace Dropout.MLNet.Data;

/// <summary>The names of the columns a trainer reads.</summary>
internal sealed record ColumnRoles(string Feature, string Label, string? Weight);
