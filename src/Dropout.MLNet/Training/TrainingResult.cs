namespace Dropout.MLNet.Training;

/// <summary>The record of a finished training run.</summary>
/// <param name="History">What every epoch measured.</param>
/// <param name="BestEpoch">The epoch whose weights the network holds.</param>
/// <param name="Temperature">The temperature folded into the output layer (1 when not calibrated).</param>
internal sealed record TrainingResult(IReadOnlyList<EpochRecord> History, int BestEpoch, float Temperature);
