using Microsoft.ML;

namespace Dropout.MLNet.Data;

/// <summary>Look-ups on <see cref="SchemaShape"/> that ML.NET keeps internal.</summary>
internal static class SchemaShapeExtensions
{
    public static SchemaShape.Column? Find(this SchemaShape shape, string name)
    {
        foreach (var column in shape)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }

    /// <summary>A readable type, such as <c>Vector&lt;Single&gt;</c> or <c>Key&lt;UInt32&gt;</c>.</summary>
    public static string Describe(this SchemaShape.Column column)
    {
        var item = column.IsKey ? $"Key<{column.ItemType.RawType.Name}>" : column.ItemType.ToString() ?? "?";
        return column.Kind == SchemaShape.Column.VectorKind.Scalar ? item : $"Vector<{item}>";
    }
}
