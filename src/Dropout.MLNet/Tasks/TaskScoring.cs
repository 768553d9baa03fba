using Microsoft.ML;

namespace Dropout.MLNet.Tasks;

/// <summary>A task's side of ML.NET: its native prediction transformer, the columns it adds, how they are read and measured.</summary>
internal abstract class TaskScoring
{
    /// <summary>The metrics the task is measured by, as ML.NET names them; the first is the default a sweep optimizes.</summary>
    public abstract IReadOnlyList<TaskMetric> Metrics { get; }

    /// <summary>Fits ML.NET's prediction transformer for this task over the vector column <paramref name="headColumn"/>.</summary>
    public abstract NativeHead CreateNativeHead(MLContext mlContext, ClassSet classes, string labelColumn, string headColumn);

    /// <summary>The estimator's output schema: the input with the scored columns added (or replaced).</summary>
    public abstract SchemaShape AppendOutputColumns(SchemaShape input, SchemaShape.Column label);

    /// <summary>Reads the Score column of scored rows, flattened row by row: one value per network output.</summary>
    public abstract float[] ReadScores(IDataView scored);

    /// <summary>How far one row's scores are from the network's outputs for it, relative to their size (see <see cref="LogitDifference"/>).</summary>
    public abstract double ScoreDifference(ReadOnlySpan<float> outputs, ReadOnlySpan<float> scores);
}
