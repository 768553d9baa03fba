using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Data;

/// <summary>
/// Reads the feature, label and weight columns of an <see cref="IDataView"/> once, into contiguous arrays.
/// Rows whose label is missing (NaN from the label getter: a key of 0, a NaN value) are skipped, as ML.NET's trainers do; a NaN or infinite feature
/// or a negative weight stops the read with an error naming the column and row.
/// </summary>
internal static class DataViewReader
{
    /// <param name="data">The data.</param>
    /// <param name="roles">The columns to read.</param>
    /// <param name="createLabelGetter">Makes the getter of a row's target (NaN when the label is missing) from the cursor and the label column.</param>
    /// <param name="dataName">The data's name in messages ("training data").</param>
    public static TrainingRows Read(IDataView data, ColumnRoles roles, Func<DataViewRow, DataViewSchema.Column, Func<float>> createLabelGetter, string dataName)
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

        long capacity = Math.Max(data.GetRowCount() ?? CountRows(data), 1);
        RequireArraySize(capacity, featureCount, features.Name, dataName);
        var featureBuffer = new float[capacity * featureCount];
        var labelBuffer = new float[capacity];
        var weightBuffer = weight is null ? null : new float[capacity];

        using var cursor = data.GetRowCursor(columns);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var getLabel = createLabelGetter(cursor, label);
        var getWeight = weight is { } wc ? cursor.GetGetter<float>(wc) : null;
        VBuffer<float> row = default;
        float rowWeight = 1f;
        int count = 0;
        long position = 0;
        while (cursor.MoveNext())
        {
            position++;
            float target = getLabel();
            if (float.IsNaN(target))
            {
                continue;
            }

            if (count == labelBuffer.Length)
            {
                RequireArraySize(count + 1L, featureCount, features.Name, dataName);
                int grown = (int)Math.Min(labelBuffer.Length * 2L, Array.MaxLength / featureCount);
                Array.Resize(ref featureBuffer, grown * featureCount);
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
            labelBuffer[count] = target;
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

        // The buffers stay as large as allocated (rows with a missing label were skipped): copying them to size would
        // hold the features twice at the moment the fit's memory peaks.
        return new TrainingRows(featureBuffer, labelBuffer, weightBuffer, featureCount, count);
    }

    /// <summary>
    /// The number of rows of a view that does not know it (a text file, an enumerable), by a cursor with no active column:
    /// a pass that parses nothing, so that the rows are read into arrays of their final size rather than into arrays that
    /// double as they fill (which held up to three times the features at once).
    /// </summary>
    private static long CountRows(IDataView data)
    {
        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            count++;
        }

        return count;
    }

    /// <summary>A feature vector at least this wide comes from text or hashing featurizers, not from a table's columns.</summary>
    private const int WideFeatureCount = 10_000;

    /// <summary>One .NET array holds at most <see cref="Array.MaxLength"/> floats: refuse more before reading them.</summary>
    private static void RequireArraySize(long rows, int featureCount, string column, string dataName)
    {
        if (rows * featureCount > Array.MaxLength)
        {
            throw new ArgumentException(
                $"The {dataName} has {rows:N0} rows of {featureCount} features in column '{column}', {rows * featureCount:N0} values; "
                + $"DropoutMlp holds them in one array of at most {Array.MaxLength:N0}. "
                + (featureCount >= WideFeatureCount
                    ? $"So many features come from text or hashed columns (FeaturizeText's defaults make about 100,000 slots, OneHotHashEncoding's "
                        + "65,536 a column), which a dense first layer reads as dense rows: keep the slots most rows use with "
                        + "mlContext.Transforms.FeatureSelection.SelectFeaturesBasedOnCount, or the most informative with "
                        + "SelectFeaturesBasedOnMutualInformation, before the trainer; or train on a sample of the rows (mlContext.Data.TakeRows)."
                    : "Train on a sample of the rows (mlContext.Data.TakeRows or BootstrapSample), or select fewer features."));
        }
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
