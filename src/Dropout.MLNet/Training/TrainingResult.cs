namespace Dropout.MLNet.Training;

/// <summary>The record of a finished training run.</summary>
internal sealed record TrainingResult(IReadOnlyList<EpochRecord> History, int BestEpoch);
