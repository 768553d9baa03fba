namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Where a sweep's trials run when not in this process: set with <see cref="DropoutMlpExperiment.SetExecutor"/>. The
/// Dropout.MLNet.Orleans package provides one that runs them on the worker silos of an Orleans cluster; the
/// experiment's own checks, result and refit of the best hyperparameters stay here.
/// </summary>
public abstract class SweepExecutor
{
    private protected SweepExecutor()
    {
    }

    /// <summary>Runs the trials the request describes and returns them, in trial order.</summary>
    internal abstract IReadOnlyList<TrialResult> Run(SweepRequest request, CancellationToken cancellationToken);
}

/// <summary>What an executor runs: the checked plan, how to tune, the budget, the pruner and whom to tell of each trial.</summary>
internal sealed record SweepRequest(SweepPlan Plan, TunerRecipe Tuner, int Seed, int? MaxTrials, uint? Seconds, AshaPruner? Pruner,
    Action<TrialResult>? Progress, ISweepMonitor? Monitor);
