namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Gives the swept trainer (and only it: another DropoutMlp fitted inside a trial, by a user's callback say, keeps its own
/// options) the trial's hyperparameters, an epoch observer that can stop its training, and the sweep's cancellation (so a
/// cancelled sweep stops the running fit within one batch), unless the options carry a cancellation token of their own.
/// </summary>
internal sealed class TrialHook : FitHook
{
    private readonly object _trainer;
    private readonly Parameter _point;
    private readonly Func<EpochRecord, bool> _continueAfterEpoch;
    private readonly CancellationToken _cancellation;
    private readonly int? _threads;

    public TrialHook(object trainer, Parameter point, Func<EpochRecord, bool> continueAfterEpoch, CancellationToken cancellation, int? threads)
    {
        _threads = threads;
        _trainer = trainer;
        _point = point;
        _continueAfterEpoch = continueAfterEpoch;
        _cancellation = cancellation;
    }

    public override DropoutMlpOptionsBase OnFit(object trainer, DropoutMlpOptionsBase options, Tasks.DropoutMlpTask task)
    {
        if (!ReferenceEquals(trainer, _trainer))
        {
            return options;
        }

        var resolved = Hyperparameters.Apply(options, _point) with
        {
            ContinueAfterEpoch = _continueAfterEpoch,
            CancellationToken = options.CancellationToken.CanBeCanceled ? options.CancellationToken : _cancellation,
            NumberOfThreads = options.NumberOfThreads ?? _threads,
        };
        resolved.Validate();
        return resolved;
    }
}
