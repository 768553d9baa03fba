using System.Diagnostics;
using Microsoft.ML;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Judges a trial after an epoch of its first fold: whether it stops (is pruned), given its best validation loss so far.
/// </summary>
internal delegate bool PruneJudge(int trialId, int epoch, double bestValidationLoss);

/// <summary>Runs the trials of one experiment: fits and evaluates each on every split, prunes, keeps the best model, refits.</summary>
internal sealed class TrialRunner
{
    private readonly SweepPlan _plan;
    private readonly AshaPruner? _pruner;
    private readonly PruneJudge? _judge;
    private readonly bool _keepBest;
    private readonly CancellationToken _cancellation;
    private readonly DateTime _deadline;
    private ITransformer? _bestModel;
    private int _bestModelTrial = -1;
    private double _bestLoss = double.PositiveInfinity;
    private readonly object _lock = new();

    private readonly long? _memoryCeiling;

    public TrialRunner(SweepPlan plan, AshaPruner? pruner, CancellationToken cancellation, DateTime deadline, long? memoryCeiling = null)
        : this(plan, pruner is null ? null : (_, epoch, loss) => pruner.ShouldStop(epoch, loss), cancellation, deadline, memoryCeiling, keepBest: true)
    {
        _pruner = pruner;
    }

    /// <summary>A runner whose pruning is judged elsewhere (a study on another machine), keeping no model when <paramref name="keepBest"/> is false.</summary>
    public TrialRunner(SweepPlan plan, PruneJudge? judge, CancellationToken cancellation, DateTime deadline, long? memoryCeiling, bool keepBest)
    {
        _memoryCeiling = memoryCeiling;
        _plan = plan;
        _judge = judge;
        _keepBest = keepBest;
        _cancellation = cancellation;
        _deadline = deadline;
    }

    public bool OutOfBudget => _cancellation.IsCancellationRequested || DateTime.UtcNow >= _deadline;

    /// <summary>
    /// The error that stops a trial whose process has passed the memory ceiling after an epoch (the working set, so
    /// libtorch's native memory is counted), or <see langword="null"/>.
    /// </summary>
    private InvalidOperationException? PastMemoryCeiling(EpochRecord epoch)
    {
        if (_memoryCeiling is not { } ceiling)
        {
            return null;
        }

        long workingSet = Environment.WorkingSet;
        return workingSet <= ceiling ? null : new InvalidOperationException(
            $"The sweep's process used {workingSet / 1048576} MB after epoch {epoch.Epoch}, past the trial memory ceiling of {ceiling / 1048576} MB "
            + "(native memory included): lower BatchSize or the layer widths in the search space, or raise SetTrialMemoryCeiling.");
    }

    /// <summary>Replays a trial from a checkpoint: the pruner hears its epochs again, in order, and decides as it did then.</summary>
    public void Replay(IReadOnlyList<double> judgedLosses)
    {
        for (int epoch = 0; epoch < judgedLosses.Count; epoch++)
        {
            lock (_lock)
            {
                _pruner?.ShouldStop(epoch + 1, judgedLosses[epoch]);
            }
        }
    }

    /// <param name="id">The trial's number.</param>
    /// <param name="point">Its hyperparameters.</param>
    /// <param name="onEpoch">Told of each epoch of the first fold and whether the trial trains on.</param>
    /// <param name="threads">libtorch threads for the trial's fits when the options leave them open (parallel trials), or null.</param>
    /// <returns>The trial, and the best validation loss after each epoch the pruner judged (for the checkpoint).</returns>
    /// <remarks>Trials may run at once on several threads: the pruner and the best model are shared under a lock.</remarks>
    public (TrialResult Trial, IReadOnlyList<double> JudgedLosses) Run(int id, Parameter point, Action<EpochRecord, bool>? onEpoch = null, int? threads = null)
    {
        var clock = Stopwatch.StartNew();
        var judgedLosses = new List<double>();
        Exception? memoryError = null;
        int epochs = 0;
        var metrics = new List<double>();
        ITransformer? model = null;
        var status = TrialStatus.Completed;
        Exception? error = null;
        try
        {
            for (int fold = 0; fold < _plan.Splits.Splits.Count; fold++)
            {
                var (train, test) = _plan.Splits.Splits[fold];
                double bestValidationLoss = double.PositiveInfinity;
                bool judged = fold == 0 && _judge is not null;
                bool reported = fold == 0;
                bool Observe(EpochRecord epoch)
                {
                    epochs++;
                    bestValidationLoss = Math.Min(bestValidationLoss, epoch.ValidationLoss ?? double.PositiveInfinity);
                    if (OutOfBudget)
                    {
                        status = TrialStatus.Stopped;
                    }
                    else if (PastMemoryCeiling(epoch) is { } past)
                    {
                        (status, memoryError) = (TrialStatus.Failed, past);
                    }
                    else if (judged)
                    {
                        judgedLosses.Add(bestValidationLoss);
                        lock (_lock)
                        {
                            status = _judge!(id, epoch.Epoch, bestValidationLoss) ? TrialStatus.Pruned : status;
                        }
                    }

                    if (reported)
                    {
                        onEpoch?.Invoke(epoch, status == TrialStatus.Completed);
                    }

                    return status == TrialStatus.Completed;
                }

                var foldModel = new TrialHook(_plan.Trainer, point, Observe, _cancellation, threads).Run(() => _plan.Pipeline.Fit(train));
                Release(model);
                model = foldModel;
                if (status != TrialStatus.Completed)
                {
                    error = memoryError;
                    break;
                }

                metrics.Add(_plan.Measure.Compute(model.Transform(test), _plan.TrainerOptions.LabelColumnName));
            }
        }
        catch (OperationCanceledException) when (OutOfBudget)
        {
            // The sweep was cancelled in the middle of an epoch: this trial is lost, the ones before it are kept.
            status = TrialStatus.Stopped;
        }
        catch (Exception e)
        {
            // One trial's failure (a diverged loss, a fold that cannot be fitted) must not lose the trials already run.
            (status, error) = (TrialStatus.Failed, e);
        }

        if (status == TrialStatus.Completed && !double.IsFinite(metrics.Average()))
        {
            (status, error) = (TrialStatus.Failed, new InvalidOperationException(
                $"The metric {_plan.Metric} was {metrics.Average()} on the evaluation data (AUC, for one, is not defined on a test split of one class)."));
        }

        double metric = status == TrialStatus.Completed ? metrics.Average() : double.NaN;
        double loss = status != TrialStatus.Completed ? double.NaN : _plan.Measure.IsMaximized ? -metric : metric;
        lock (_lock)
        {
            if (_keepBest && status == TrialStatus.Completed && (loss < _bestLoss || (loss == _bestLoss && id < _bestModelTrial)))
            {
                Release(_bestModel);
                _bestLoss = loss;
                _bestModel = model;
                _bestModelTrial = id;
            }
            else
            {
                Release(model);
            }
        }

        return (new TrialResult(id, point, status, metric, loss, epochs, clock.Elapsed) { Error = error }, judgedLosses);
    }

    /// <summary>
    /// Frees a model the sweep does not keep (a losing trial's, a fold's, the trials' best after a refit): its ONNX
    /// Runtime session and temporary model file go now, not at a garbage collection that a long sweep may not reach.
    /// </summary>
    private static void Release(ITransformer? model) => (model as IDisposable)?.Dispose();

    /// <summary>Frees the best trial's model kept so far (the sweep ends without a result, or its refit replaces it).</summary>
    public void ReleaseBest()
    {
        lock (_lock)
        {
            Release(_bestModel);
            _bestModel = null;
            _bestModelTrial = -1;
        }
    }

    public DropoutMlpExperimentResult Finish(IReadOnlyList<TrialResult> trials, bool refit)
    {
        var completed = trials.Where(t => t.Status == TrialStatus.Completed).ToArray();
        if (completed.Length == 0)
        {
            _cancellation.ThrowIfCancellationRequested();
            var failed = trials.Where(t => t.Status == TrialStatus.Failed).ToArray();
            var errors = string.Join(" ", failed.Take(3).Select(t => $"Trial {t.TrialId} ({t.Parameter}): {t.Error!.Message}"));
            throw new InvalidOperationException(
                $"No trial completed ({trials.Count} started, {trials.Count(t => t.Status == TrialStatus.Pruned)} pruned, {failed.Length} failed). "
                + (failed.Length > 0 ? $"The first errors: {errors}" : "Raise the time budget or the number of trials."),
                failed.FirstOrDefault()?.Error);
        }

        var best = completed.MinBy(t => t.Loss)!;
        // The best trial's own model, unless a refit is asked for, or the best trial was replayed from a checkpoint (its
        // model was not kept): then the best hyperparameters are fitted again on the same rows, with the same seed.
        var refitData = refit || _plan.Splits.IsCrossValidation ? _plan.Splits.AllData
            : best.TrialId != _bestModelTrial ? _plan.Splits.Splits[0].Train
            : null;
        ITransformer model;
        if (refitData is null)
        {
            model = _bestModel!;
        }
        else
        {
            try
            {
                model = new TrialHook(_plan.Trainer, best.Parameter, _ => true, _cancellation, threads: null).Run(() => _plan.Pipeline.Fit(refitData));
            }
            finally
            {
                // Replaced by the refit, or the refit was cancelled or failed: either way no one will have it.
                ReleaseBest();
            }
        }

        return new DropoutMlpExperimentResult(_plan.Metric, trials, best, model)
        {
            HyperparameterImportance = Sweeps.HyperparameterImportance.Compute(_plan.SearchSpace, trials, seed: 0),
        };
    }
}
