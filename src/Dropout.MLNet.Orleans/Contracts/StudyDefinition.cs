namespace Dropout.MLNet.Orleans;

/// <summary>What travels to the study grain when a sweep starts: the search space, tuner, seed, budget and pruner (no data, no pipeline).</summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.StudyDefinition")]
public sealed record StudyDefinition
{
    /// <summary>The metric's name, which every worker's experiment must optimize too.</summary>
    [Id(0)] public required string Metric { get; init; }

    /// <summary>The searched hyperparameters.</summary>
    [Id(1)] public required IReadOnlyList<SearchOptionData> SearchSpace { get; init; }

    /// <summary>The built-in tuner: "smac", "random" or "grid".</summary>
    [Id(2)] public required string Tuner { get; init; }

    /// <summary>The tuner's number: SMAC's initial trials, the grid's steps per range.</summary>
    [Id(3)] public int TunerNumber { get; init; }

    /// <summary>Whether the grid is visited in a seeded random order.</summary>
    [Id(4)] public bool TunerShuffle { get; init; }

    /// <summary>The seed of the tuner.</summary>
    [Id(5)] public int Seed { get; init; }

    /// <summary>The most trials proposed, or null.</summary>
    [Id(6)] public int? MaxTrials { get; init; }

    /// <summary>The time budget from the study's start, in seconds, or null.</summary>
    [Id(7)] public uint? Seconds { get; init; }

    /// <summary>ASHA's grace period, or null for no pruner.</summary>
    [Id(8)] public int? PrunerGracePeriod { get; init; }

    /// <summary>ASHA's reduction factor.</summary>
    [Id(9)] public int PrunerReductionFactor { get; init; } = 3;

    /// <summary>How long a trial may go without an epoch report before another worker gets it.</summary>
    [Id(10)] public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether two definitions describe the same study; the budget and the lease may differ (a study continued with more trials).</summary>
    public bool SameStudyAs(StudyDefinition other) =>
        Metric == other.Metric && SearchSpace.SequenceEqual(other.SearchSpace) && Tuner == other.Tuner && TunerNumber == other.TunerNumber
        && TunerShuffle == other.TunerShuffle && Seed == other.Seed
        && PrunerGracePeriod == other.PrunerGracePeriod && PrunerReductionFactor == other.PrunerReductionFactor;
}
