using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks;

/// <summary>The label of a classification task: each row's target is its class index.</summary>
internal abstract class ClassLabel(string taskName) : TaskLabel(taskName)
{
    public override void RequireLearnable(TrainingRows rows, ClassSet classes, string column)
    {
        if (!rows.LabelsVary())
        {
            throw new ArgumentException(
                $"Every training row has the label '{classes.Names[(int)rows.Labels[0]]}' in column '{column}'; {TaskName} needs rows of at least two classes.");
        }
    }
}
