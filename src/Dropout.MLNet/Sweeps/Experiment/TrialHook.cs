namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Gives the swept trainer (and only it: another DropoutMlp fitted inside a trial, by a user's callback say, keeps its own
/// options) the trial's hyperparameters and an epoch observer that can stop its training.
/// </summary>
internal sealed class TrialHook : FitHook
{
    private readonly object _trainer;
    private readonly Parameter _point;
    private readonly Func<EpochRecord, bool> _continueAfterEpoch;

    public TrialHook(object trainer, Parameter point, Func<EpochRecord, bool> continueAfterEpoch)
    {
        _trainer = trainer;
        _point = point;
        _continueAfterEpoch = continueAfterEpoch;
    }

    public override DropoutMlpOptionsBase OnFit(object trainer, DropoutMlpOptionsBase options, Tasks.ClassificationTask task)
    {
        if (!ReferenceEquals(trainer, _trainer))
        {
            return options;
        }

        var resolved = Hyperparameters.Apply(options, _point) with { ContinueAfterEpoch = _continueAfterEpoch };
        resolved.Validate();
        return resolved;
    }
}
