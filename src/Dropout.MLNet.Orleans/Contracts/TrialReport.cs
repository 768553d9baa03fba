namespace Dropout.MLNet.Orleans;

/// <summary>A finished trial on the wire: what the sweep's result and the study's replay need.</summary>
[GenerateSerializer]
[Alias("Dropout.MLNet.Orleans.TrialReport")]
public sealed record TrialReport
{
    /// <summary>The trial's number.</summary>
    [Id(0)] public int TrialId { get; init; }

    /// <summary>Its hyperparameters.</summary>
    [Id(1)] public required IReadOnlyDictionary<string, ValueData> Parameter { get; init; }

    /// <summary>"Completed", "Pruned", "Stopped" or "Failed".</summary>
    [Id(2)] public required string Status { get; init; }

    /// <summary>The metric (round-trip text, "NaN" unless completed).</summary>
    [Id(3)] public required string Metric { get; init; }

    /// <summary>The loss the tuner minimizes.</summary>
    [Id(4)] public required string Loss { get; init; }

    /// <summary>Epochs trained over every fold.</summary>
    [Id(5)] public int EpochsRun { get; init; }

    /// <summary>Wall-clock seconds.</summary>
    [Id(6)] public double Seconds { get; init; }

    /// <summary>Why a failed trial failed.</summary>
    [Id(7)] public string? Error { get; init; }

    /// <summary>The best validation loss after each judged epoch, for the pruner's replay.</summary>
    [Id(8)] public IReadOnlyList<double> JudgedLosses { get; init; } = [];

    /// <summary>The worker that ran it.</summary>
    [Id(9)] public string Worker { get; init; } = "";

    /// <summary>The token of the lease the trial was run under (<see cref="TrialAssignment.Lease"/>).</summary>
    [Id(10)] public long Lease { get; init; }
}
