namespace Dropout.MLNet.Orleans;

/// <summary>A study's progress as the sweep's client sees it.</summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.StudyStatus")]
public sealed record StudyStatus
{
    /// <summary>Whether no trial runs and none will be proposed.</summary>
    [Id(0)] public bool Done { get; init; }

    /// <summary>The trials ended so far, in the order they ended.</summary>
    [Id(1)] public IReadOnlyList<TrialReport> Trials { get; init; } = [];

    /// <summary>The trials running now.</summary>
    [Id(2)] public int Running { get; init; }
}
