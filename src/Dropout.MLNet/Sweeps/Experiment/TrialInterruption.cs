namespace Dropout.MLNet.Sweeps;

/// <summary>Thrown from a trial's epoch callback to end its training: pruned, or out of time.</summary>
internal sealed class TrialInterruption : Exception
{
    public TrialInterruption(TrialStatus status) => Status = status;

    public TrialStatus Status { get; }
}
