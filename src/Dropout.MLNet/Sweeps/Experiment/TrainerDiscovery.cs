using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Finds the DropoutMlp trainers of a pipeline by propagating the data's schema through it under this hook: each trainer
/// reports its identity, options and task, and nothing is fitted. ML.NET keeps <c>SchemaShape.Create</c> internal, so
/// the data's <see cref="SchemaShape"/> is made by reflection; should a later ML.NET move it, the pipeline is fitted on
/// zero rows instead (the chain propagates the schema first), and a trainer that is reached is handed a cancelled token
/// so that it stops before reading a row.
/// </summary>
internal sealed class TrainerDiscovery : FitHook
{
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationToken _stop;

    private TrainerDiscovery(CancellationToken stop) => _stop = stop;

    /// <summary>The trainers met, in pipeline order.</summary>
    public List<(object Trainer, DropoutMlpOptionsBase Options, DropoutMlpTask Task)> Trainers { get; } = [];

    /// <summary>Meets the trainers of <paramref name="pipeline"/>.</summary>
    /// <exception cref="ArgumentException">The pipeline cannot be fitted to the data's schema (a column is missing, say).</exception>
    public static TrainerDiscovery Of(MLContext mlContext, IEstimator<ITransformer> pipeline, IDataView data)
    {
        var discovery = new TrainerDiscovery(new CancellationToken(canceled: true));
        if (ShapeOf(data.Schema) is { } shape)
        {
            discovery.Run(() => pipeline.GetOutputSchema(shape));
            return discovery;
        }

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

    private static readonly System.Reflection.MethodInfo? CreateShape = typeof(SchemaShape).GetMethod(
        "Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, [typeof(DataViewSchema)]);

    private static SchemaShape? ShapeOf(DataViewSchema schema) => CreateShape?.Invoke(null, [schema]) as SchemaShape;

    public override void OnSchema(object trainer, DropoutMlpOptionsBase options, DropoutMlpTask task) => Meet(trainer, options, task);

    public override DropoutMlpOptionsBase OnFit(object trainer, DropoutMlpOptionsBase options, DropoutMlpTask task)
    {
        Meet(trainer, options, task);
        return options with { CancellationToken = _stop };
    }

    private void Meet(object trainer, DropoutMlpOptionsBase options, DropoutMlpTask task)
    {
        if (_seen.Add(trainer))
        {
            Trainers.Add((trainer, options, task));
        }
    }
}
