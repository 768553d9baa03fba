namespace Dropout.MLNet;

/// <summary>What one training epoch measured.</summary>
/// <param name="Epoch">The epoch's number, starting at 1.</param>
/// <param name="TrainLoss">The mean (weighted) training loss over the epoch's mini-batches, with dropout active.</param>
/// <param name="ValidationLoss">The mean loss on the validation rows in evaluation mode, or <see langword="null"/> without validation data.</param>
/// <param name="ValidationAccuracy">The share of validation rows predicted right, or <see langword="null"/> without validation data.</param>
/// <param name="IsBest">Whether this epoch improved the watched validation metric (<see cref="DropoutMlpOptionsBase.EarlyStoppingMetric"/>) so far (always <see langword="true"/> without validation data).</param>
/// <param name="Duration">The wall-clock time the epoch took, validation included.</param>
public sealed record EpochRecord(
    int Epoch,
    float TrainLoss,
    float? ValidationLoss,
    float? ValidationAccuracy,
    bool IsBest,
    TimeSpan Duration);
