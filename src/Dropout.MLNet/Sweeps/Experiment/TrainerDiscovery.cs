using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Finds the DropoutMlp trainers of a pipeline by fitting it on zero rows under this hook: ML.NET's estimator chain first
/// propagates the schema (each trainer reports its identity, options and task), and a trainer that is reached is met
/// again and handed a cancelled token, so it stops before reading a row. (ML.NET keeps <c>SchemaShape.Create</c>
/// internal, so propagating a schema without a fit is not open to a library.)
/// </summary>
internal sealed class TrainerDiscovery : FitHook
{
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationToken _stop;

    private TrainerDiscovery(CancellationToken stop) => _stop = stop;

    /// <summary>The trainers met, in pipeline order.</summary>
    public List<(object Trainer, DropoutMlpOptionsBase Options, ClassificationTask Task)> Trainers { get; } = [];

    /// <summary>Meets the trainers of <paramref name="pipeline"/>.</summary>
    /// <exception cref="ArgumentException">The pipeline cannot be fitted to the data's schema (a column is missing, say).</exception>
    public static TrainerDiscovery Of(MLContext mlContext, IEstimator<ITransformer> pipeline, IDataView data)
    {
        var discovery = new TrainerDiscovery(new CancellationToken(canceled: true));
        try
        {
            discovery.Run(() => pipeline.Fit(mlContext.Data.SkipRows(data, long.MaxValue)));
        }
        catch (OperationCanceledException) when (discovery.Trainers.Count > 0)
        {
            // The trainer stopped, as asked, once met.
        }

        return discovery;
    }

    public override void OnSchema(object trainer, DropoutMlpOptionsBase options, ClassificationTask task) => Meet(trainer, options, task);

    public override DropoutMlpOptionsBase OnFit(object trainer, DropoutMlpOptionsBase options, ClassificationTask task)
    {
        Meet(trainer, options, task);
        return options with { CancellationToken = _stop };
    }

    private void Meet(object trainer, DropoutMlpOptionsBase options, ClassificationTask task)
    {
        if (_seen.Add(trainer))
        {
            Trainers.Add((trainer, options, task));
        }
    }
}
