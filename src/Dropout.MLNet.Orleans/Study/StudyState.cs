namespace Dropout.MLNet.Orleans;

/// <summary>
/// What a study persists: its definition, when it started, each proposal (with the number of trials ended before it)
/// and each ended trial in order. The tuner and the pruner are not stored: they are rebuilt by replaying this log, as
/// a checkpoint is replayed, so a study grain that moves or restarts continues where it stopped.
/// </summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.StudyState")]
internal sealed class StudyState
{
    [Id(0)] public StudyDefinition? Definition { get; set; }

    [Id(1)] public DateTime StartedUtc { get; set; }

    [Id(2)] public List<ProposalData> Proposals { get; set; } = [];

    [Id(3)] public List<TrialReport> Ended { get; set; } = [];

    [Id(4)] public bool Cancelled { get; set; }
}

/// <summary>One proposal of the log.</summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.ProposalData")]
internal sealed record ProposalData(
    [property: Id(0)] int TrialId,
    [property: Id(1)] int EndedBefore,
    [property: Id(2)] IReadOnlyDictionary<string, ValueData> Parameter);
