using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks.Binary;

/// <summary>A Boolean label: class 0 is false, class 1 true.</summary>
internal sealed class BinaryLabel(string taskName) : ClassLabel(taskName)
{
    public override ClassSet Describe(DataViewSchema.Column label)
    {
        if (label.Type is not BooleanDataViewType)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be Boolean for {TaskName}, but it is {label.Type}. Load the label as bool, "
                + "or use mlContext.MulticlassClassification.Trainers.DropoutMlp with a key-typed label.");
        }

        return new ClassSet<bool>([false, true]);
    }

    public override void CheckShape(SchemaShape.Column label)
    {
        if (label.ItemType is not BooleanDataViewType || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be Boolean for {TaskName}, but it is {label.Describe()}. Load the label as bool, "
                + "or use mlContext.MulticlassClassification.Trainers.DropoutMlp with a key-typed label.");
        }
    }

    public override Func<float> CreateGetter(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<bool>(label);
        bool value = false;
        return () =>
        {
            getter(ref value);
            return value ? 1 : 0;
        };
    }
}
