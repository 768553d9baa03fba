using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Data;

/// <summary>
/// Reads the feature, label and weight columns of an <see cref="IDataView"/> once, into contiguous arrays.
/// Rows whose label is missing (key value 0) are skipped, as ML.NET's trainers do; a NaN or infinite feature
/// or a negative weight stops the read with an error naming the column and row.
/// </summary>
internal static class DataViewReader
{
    public static TrainingRows Read(IDataView data, ColumnRoles roles, ClassificationTask task, string dataName)
    {
        var schema = data.Schema;
        var features = schema[roles.Feature];
        var label = schema[roles.Label];
        DataViewSchema.Column? weight = roles.Weight is null ? null : schema[roles.Weight];
        int featureCount = ((VectorDataViewType)features.Type).Size;

        var columns = new List<DataViewSchema.Column> { features, label };
        if (weight is { } w)
        {
            columns.Add(w);
        }

        long capacity = Math.Max(data.GetRowCount() ?? 1024, 1);
        var featureBuffer = new float[checked(capacity * featureCount)];
        var labelBuffer = new long[capacity];
        var weightBuffer = weight is null ? null : new float[capacity];

        using var cursor = data.GetRowCursor(columns);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var getLabel = task.CreateLabelGetter(cursor, label);
        var getWeight = weight is { } wc ? cursor.GetGetter<float>(wc) : null;
        VBuffer<float> row = default;
        float rowWeight = 1f;
        int count = 0;
        long position = 0;
        while (cursor.MoveNext())
        {
            position++;
            long classIndex = getLabel();
            if (classIndex < 0)
            {
                continue;
            }

            if (count == labelBuffer.Length)
            {
                int grown = checked(labelBuffer.Length * 2);
                Array.Resize(ref featureBuffer, checked(grown * featureCount));
                Array.Resize(ref labelBuffer, grown);
                if (weightBuffer is not null)
                {
                    Array.Resize(ref weightBuffer, grown);
                }
            }

            getFeatures(ref row);
            var destination = featureBuffer.AsSpan(count * featureCount, featureCount);
            row.CopyTo(destination);
            CheckFinite(destination, features.Name, position, dataName);
            labelBuffer[count] = classIndex;
            if (getWeight is not null)
            {
                getWeight(ref rowWeight);
                if (!(rowWeight >= 0f) || float.IsInfinity(rowWeight))
                {
                    throw new ArgumentException(
                        $"Example weight column '{weight!.Value.Name}' has the value {rowWeight} in row {position} of the {dataName}; "
                        + "weights must be finite and non-negative.");
                }

                weightBuffer![count] = rowWeight;
            }

            count++;
        }

        Array.Resize(ref featureBuffer, count * featureCount);
        Array.Resize(ref labelBuffer, count);
        if (weightBuffer is not null)
        {
            Array.Resize(ref weightBuffer, count);
        }

        return new TrainingRows(featureBuffer, labelBuffer, weightBuffer, featureCount);
    }

    private static void CheckFinite(ReadOnlySpan<float> values, string column, long position, string dataName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"Feature column '{column}' has {(float.IsNaN(values[i]) ? "a missing (NaN)" : "an infinite")} value in row "
                    + $"{position}, slot {i}, of the {dataName}. Replace missing values before the trainer, for example with "
                    + "mlContext.Transforms.ReplaceMissingValues(...) on the source columns, or filter those rows out.");
            }
        }
    }
}
