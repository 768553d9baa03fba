using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks;

/// <summary>A task's label column: the types it accepts, the classes it holds, how a row's label is read.</summary>
internal abstract class TaskLabel
{
    protected TaskLabel(string taskName) => TaskName = taskName;

    /// <summary>The task's name, for messages.</summary>
    protected string TaskName { get; }

    /// <summary>Checks the label column's shape at pipeline-construction time, with an error that says how to fix it.</summary>
    public abstract void CheckShape(SchemaShape.Column label);

    /// <summary>Checks the label column's type and returns its classes (none for a task without classes).</summary>
    public abstract ClassSet Describe(DataViewSchema.Column label);

    /// <summary>Returns a getter of the current row's label as the network's target (a class index or a value); NaN when it is missing.</summary>
    public abstract Func<float> CreateGetter(DataViewRow row, DataViewSchema.Column label);

    /// <summary>Refuses training rows the task cannot learn from (one class only, a constant value), naming the column.</summary>
    public abstract void RequireLearnable(TrainingRows rows, ClassSet classes, string column);

    /// <summary>Whether evaluation splits keep each label value's share (classes), rather than splitting at random.</summary>
    public virtual bool Stratifies => true;
}
