using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// The classes a model predicts, in class-index order: their display names and their values in the label's own
/// type, from which the scoring head's label column is rebuilt (so <c>MapKeyToValue</c> gives the user's labels).
/// </summary>
internal abstract class ClassSet
{
    protected ClassSet(IReadOnlyList<string> names) => Names = names;

    /// <summary>No classes: the label of a task that predicts values.</summary>
    public static ClassSet None { get; } = new ClassSet<bool>([]);

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>A one-column view of the values, in class order: key data that reproduces the label's key.</summary>
    public abstract IDataView ToKeyData(MLContext mlContext);

    /// <summary>
    /// Rows of a class value (column "Value") and a sparse feature vector of <paramref name="width"/> slots with one
    /// non-zero value (column <paramref name="featureColumn"/>).
    /// </summary>
    public abstract IDataView ToLabeledData(MLContext mlContext, string featureColumn, int width, IEnumerable<(int Class, int Slot, float Value)> rows);

    public static ClassSet FromKeyColumn(DataViewSchema.Column label, KeyDataViewType keyType)
    {
        int count = checked((int)keyType.Count);
        if (label.Annotations.Schema.GetColumnOrNull(AnnotationKinds.KeyValues)?.Type is not VectorDataViewType valuesType)
        {
            // A key without values (for example loaded as a key range): its classes are its raw values 1..count.
            return new ClassSet<uint>(Enumerable.Range(1, count).Select(i => (uint)i).ToArray());
        }

        return valuesType.ItemType.RawType switch
        {
            var t when t == typeof(ReadOnlyMemory<char>) => new ClassSet<string>(ReadKeyValues<ReadOnlyMemory<char>>(label).Select(v => v.ToString()).ToArray()),
            var t when t == typeof(float) => new ClassSet<float>(ReadKeyValues<float>(label)),
            var t when t == typeof(double) => new ClassSet<double>(ReadKeyValues<double>(label)),
            var t when t == typeof(int) => new ClassSet<int>(ReadKeyValues<int>(label)),
            var t when t == typeof(long) => new ClassSet<long>(ReadKeyValues<long>(label)),
            var t when t == typeof(uint) => new ClassSet<uint>(ReadKeyValues<uint>(label)),
            var t when t == typeof(ulong) => new ClassSet<ulong>(ReadKeyValues<ulong>(label)),
            var t when t == typeof(bool) => new ClassSet<bool>(ReadKeyValues<bool>(label)),
            _ => throw new ArgumentException(
                $"The key values of label column '{label.Name}' are of type {valuesType.ItemType}, which DropoutMlp cannot "
                + "return as a predicted label. Map the label from a String, Single, Double, Int32, Int64, UInt32, UInt64 or Boolean column."),
        };
    }

    private static T[] ReadKeyValues<T>(DataViewSchema.Column label)
    {
        VBuffer<T> values = default;
        label.GetKeyValues(ref values);
        return values.DenseValues().ToArray();
    }
}
