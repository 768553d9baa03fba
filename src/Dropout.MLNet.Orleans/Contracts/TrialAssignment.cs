namespace Dropout.MLNet.Orleans;

/// <summary>A study's answer to a worker asking for work.</summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.TrialAssignment")]
public sealed record TrialAssignment
{
    /// <summary>Nothing now (not started, or every trial is out and running): ask again later.</summary>
    public static readonly TrialAssignment Wait = new() { Kind = AssignmentKind.Wait };

    /// <summary>The study is over.</summary>
    public static readonly TrialAssignment Done = new() { Kind = AssignmentKind.Done };

    /// <summary>Run, wait or done.</summary>
    [Id(0)] public AssignmentKind Kind { get; init; }

    /// <summary>The trial's number.</summary>
    [Id(1)] public int TrialId { get; init; }

    /// <summary>Its hyperparameters.</summary>
    [Id(2)] public IReadOnlyDictionary<string, ValueData> Parameter { get; init; } = new Dictionary<string, ValueData>();

    /// <summary>The lease's token, which the trial's report carries back: a report with another token is a stale worker's.</summary>
    [Id(3)] public long Lease { get; init; }
}

/// <summary>What a <see cref="TrialAssignment"/> asks of the worker.</summary>
[GenerateSerializer]
public enum AssignmentKind
{
    /// <summary>Ask again later.</summary>
    Wait,

    /// <summary>Run the trial.</summary>
    Run,

    /// <summary>The study is over.</summary>
    Done,
}
