namespace Dropout.MLNet.Orleans;

/// <summary>How a sweep worker polls and renews.</summary>
public sealed record SweepWorkerOptions
{
    /// <summary>How long a worker waits before asking again when there is no trial for it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a running trial's lease is renewed; keep it well under the study's lease.</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The seed of the <see cref="Microsoft.ML.MLContext"/> the experiment is built with.</summary>
    public int Seed { get; init; }
}
