namespace Dropout.MLNet.Orleans;

/// <summary>What a worker does after an epoch.</summary>
[GenerateSerializer]
public enum EpochVerdict
{
    /// <summary>Train on.</summary>
    Continue,

    /// <summary>The pruner stops the trial (it fell behind).</summary>
    Prune,

    /// <summary>The study is over (cancelled, out of time) or the trial was already reported by another worker.</summary>
    Stop,
}
