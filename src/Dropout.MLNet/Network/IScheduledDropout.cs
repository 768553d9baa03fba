namespace Dropout.MLNet.Network;

/// <summary>A dropout whose rate a schedule scales in training: the rate drawn with is the rate set times <see cref="RateFactor"/>.</summary>
internal interface IScheduledDropout
{
    /// <summary>The factor, in [0, 1]; 1 (the rate set) unless a schedule changes it.</summary>
    double RateFactor { get; set; }
}
