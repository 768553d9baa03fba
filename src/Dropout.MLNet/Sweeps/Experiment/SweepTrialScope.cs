using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// How an experiment reaches the DropoutMlp trainer inside the user's pipeline without taking the pipeline apart: the
/// experiment fits the pipeline inside a scope (flowing with the execution context), and the trainer asks the scope.
/// In discovery the trainer reports its options and task and stops the fit before reading any row; in a trial it
/// trains with the trial's hyperparameters and reports every epoch to the experiment.
/// </summary>
internal sealed class SweepTrialScope
{
    private static readonly AsyncLocal<SweepTrialScope?> Ambient = new();
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);

    private SweepTrialScope(Parameter? point, Action<EpochRecord>? epochObserver)
    {
        Point = point;
        EpochObserver = epochObserver;
    }

    public static SweepTrialScope? Current => Ambient.Value;

    /// <summary>The trial's hyperparameters, or <see langword="null"/> in discovery.</summary>
    public Parameter? Point { get; }

    public Action<EpochRecord>? EpochObserver { get; }

    /// <summary>The trainers met in discovery.</summary>
    public List<(DropoutMlpOptionsBase Options, ClassificationTask Task)> Trainers { get; } = [];

    public static SweepTrialScope Discovery() => new(null, null);

    public static SweepTrialScope Trial(Parameter point, Action<EpochRecord> epochObserver) => new(point, epochObserver);

    /// <summary>Runs <paramref name="action"/> with this scope current.</summary>
    public T Run<T>(Func<T> action)
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        try
        {
            return action();
        }
        finally
        {
            Ambient.Value = previous;
        }
    }

    /// <summary>Called by the trainer with its options: stops a discovery, or returns the trial's options.</summary>
    public DropoutMlpOptionsBase Resolve(object trainer, DropoutMlpOptionsBase options, ClassificationTask task)
    {
        if (Point is null)
        {
            Report(trainer, options, task);
            throw new DiscoveryCompleteException();
        }

        var observer = EpochObserver;
        var userCallback = options.EpochCompleted;
        var resolved = Hyperparameters.Apply(options, Point) with
        {
            EpochCompleted = epoch =>
            {
                userCallback?.Invoke(epoch);
                observer?.Invoke(epoch);
            },
        };
        resolved.Validate();
        return resolved;
    }

    /// <summary>Called by the trainer's schema propagation (which may run more than once): records it in a discovery.</summary>
    public void Report(object trainer, DropoutMlpOptionsBase options, ClassificationTask task)
    {
        if (Point is null && !_seen.Contains(trainer))
        {
            _seen.Add(trainer);
            Trainers.Add((options, task));
        }
    }

    /// <summary>Ends a discovery fit once the trainer is found.</summary>
    internal sealed class DiscoveryCompleteException : Exception
    {
    }
}
