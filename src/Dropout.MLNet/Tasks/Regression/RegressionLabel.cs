using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks.Regression;

/// <summary>A Single label, as ML.NET's regression trainers read it; NaN is a missing label (the row is skipped).</summary>
internal sealed class RegressionLabel(string taskName) : TaskLabel(taskName)
{
    /// <summary>Values are not strata: evaluation splits are random.</summary>
    public override bool Stratifies => false;

    public override ClassSet Describe(DataViewSchema.Column label)
    {
        if (label.Type != NumberDataViewType.Single)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be Single for {TaskName}, but it is {label.Type}. Load it as float, or add "
                + $"mlContext.Transforms.Conversion.ConvertType(\"{label.Name}\", outputKind: DataKind.Single) before the trainer.");
        }

        return ClassSet.None;
    }

    public override void CheckShape(SchemaShape.Column label)
    {
        if (label.ItemType != NumberDataViewType.Single || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be Single for {TaskName}, but it is {label.Describe()}. Load it as float, or add "
                + $"mlContext.Transforms.Conversion.ConvertType(\"{label.Name}\", outputKind: DataKind.Single) before the trainer.");
        }
    }

    public override Func<float> CreateGetter(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<float>(label);
        float value = 0;
        return () =>
        {
            getter(ref value);
            if (float.IsInfinity(value))
            {
                throw new ArgumentException(
                    $"Label column '{label.Name}' has the value {value}; regression labels must be finite (NaN marks a missing label, "
                    + "whose row is skipped). Filter those rows out or cap the values.");
            }

            return value;
        };
    }

    public override void RequireLearnable(TrainingRows rows, ClassSet classes, string column)
    {
        if (!rows.LabelsVary())
        {
            throw new ArgumentException(
                $"Every training row has the value {rows.Labels[0]} in label column '{column}'; {TaskName} needs labels that vary.");
        }
    }
}
