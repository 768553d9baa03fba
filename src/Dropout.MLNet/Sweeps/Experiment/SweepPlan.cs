using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// An experiment's setup, checked before any training: the pipeline holds exactly one DropoutMlp trainer (found by
/// propagating the pipeline's schema, which every trainer reports to a <see cref="TrainerDiscovery"/>), the metric fits
/// its task, the search space fits its options, and a budget is set.
/// </summary>
internal sealed record SweepPlan(
    IEstimator<ITransformer> Pipeline,
    EvaluationSplits Splits,
    SweepMetric Metric,
    TaskMetric Measure,
    SearchSpace SearchSpace,
    object Trainer,
    DropoutMlpOptionsBase TrainerOptions,
    DropoutMlpTask Task)
{
    /// <summary>Checks the setup; <paramref name="splits"/> splits the data once the trainer's label column (to stratify by) is known.</summary>
    public static SweepPlan Prepare(MLContext mlContext, IEstimator<ITransformer>? pipeline, IDataView? schemaSource, Func<string?, EvaluationSplits>? splits,
        SweepMetric? metric, SearchSpace? searchSpace, AshaPruner? pruner, bool hasBudget)
    {
        if (pipeline is null)
        {
            throw new ArgumentException("No pipeline: call SetPipeline with your featurization followed by a DropoutMlp trainer.");
        }

        if (splits is null || schemaSource is null)
        {
            throw new ArgumentException("No data: call SetDataset with a train and a test set, a test fraction, or a number of folds.");
        }

        if (!hasBudget)
        {
            throw new ArgumentException("No budget: call SetMaxTrials, SetTrainingTimeInSeconds, or both (a grid search may also run to its end).");
        }

        var (trainer, options, task) = FindTrainer(mlContext, pipeline, schemaSource);
        var (chosenMetric, measure) = SweepMetricChoice.Resolve(metric, task);
        var space = searchSpace ?? SearchSpace.FromOptions(options);
        try
        {
            Hyperparameters.Check(space, options);
        }
        catch (DropoutMlpOptionsException e)
        {
            throw new ArgumentException($"The search space reaches options the trainer rejects; narrow the ranges. {e.Message}", e);
        }

        if (pruner is not null && options.ValidationFraction == 0f)
        {
            throw new ArgumentException("The pruner judges trials by their per-epoch validation loss, but the trainer's ValidationFraction is 0; set it above 0 or remove the pruner.");
        }

        return new SweepPlan(pipeline, splits(task.Label.Stratifies ? options.LabelColumnName : null), chosenMetric, measure, space, trainer, options, task);
    }

    private static (object Trainer, DropoutMlpOptionsBase Options, DropoutMlpTask Task) FindTrainer(MLContext mlContext,
        IEstimator<ITransformer> pipeline, IDataView train)
    {
        TrainerDiscovery discovery;
        try
        {
            discovery = TrainerDiscovery.Of(mlContext, pipeline, train);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException(
                "The pipeline has no DropoutMlp trainer, or cannot be fitted to the data's schema: append "
                + "mlContext.MulticlassClassification.Trainers.DropoutMlp(...) or mlContext.BinaryClassification.Trainers.DropoutMlp(...) "
                + $"to your featurization, and check its columns. (Fitting it failed: {e.Message})", e);
        }

        return discovery.Trainers.Count switch
        {
            1 => discovery.Trainers[0],
            0 => throw new ArgumentException(
                "The pipeline has no DropoutMlp trainer: append mlContext.MulticlassClassification.Trainers.DropoutMlp(...) or "
                + "mlContext.BinaryClassification.Trainers.DropoutMlp(...) to your featurization."),
            _ => throw new ArgumentException($"The pipeline has {discovery.Trainers.Count} DropoutMlp trainers; a sweep tunes one. Sweep them one at a time."),
        };
    }
}
