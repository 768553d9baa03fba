using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks.Multiclass;

/// <summary>A key-typed label (of any of ML.NET's key widths); key 0 is a missing label.</summary>
internal sealed class MulticlassLabel(string taskName) : ClassLabel(taskName)
{
    public override ClassSet Describe(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType keyType)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be a key type for {TaskName}, but it is {label.Type}. "
                + $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{label.Name}\") before the trainer.");
        }

        if (keyType.Count < 2)
        {
            throw new ArgumentException($"Label column '{label.Name}' has {keyType.Count} class; {TaskName} needs at least two.");
        }

        return ClassSet.FromKeyColumn(label, keyType);
    }

    public override void CheckShape(SchemaShape.Column label)
    {
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentException(
                $"Label column '{label.Name}' must be a key type for {TaskName}, but it is {label.Describe()}. "
                + $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{label.Name}\") before the trainer.");
        }
    }

    /// <summary>Reads a key of any of ML.NET's key widths (byte, ushort, uint, ulong) as its 0-based class index.</summary>
    public override Func<float> CreateGetter(DataViewRow row, DataViewSchema.Column label) => label.Type.RawType switch
    {
        var t when t == typeof(byte) => KeyGetter<byte>(row, label, key => key),
        var t when t == typeof(ushort) => KeyGetter<ushort>(row, label, key => key),
        var t when t == typeof(ulong) => KeyGetter<ulong>(row, label, key => key),
        _ => KeyGetter<uint>(row, label, key => key),
    };

    private static Func<float> KeyGetter<TKey>(DataViewRow row, DataViewSchema.Column label, Func<TKey, ulong> toNumber)
    {
        var getter = row.GetGetter<TKey>(label);
        TKey key = default!;
        return () =>
        {
            getter(ref key);
            ulong number = toNumber(key);
            return number == 0 ? float.NaN : number - 1;
        };
    }
}
