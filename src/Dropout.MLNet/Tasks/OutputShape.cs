using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// Adds the scored columns to an estimator's input <see cref="SchemaShape"/>. ML.NET keeps the construction of
/// schema-shape columns internal; its custom-mapping estimator is the public way to declare added columns, with
/// their types and annotations, from a <see cref="SchemaDefinition"/>. Vector sizes and key counts are placeholders:
/// a schema shape records neither.
/// </summary>
internal static class OutputShape
{
    private const int Placeholder = 2;

    public static SchemaShape Append<TRow>(SchemaShape input, SchemaDefinition addedColumns)
        where TRow : class, new() =>
        new MLContext().Transforms
            .CustomMapping<NoInput, TRow>((_, _) => { }, contractName: null, outputSchemaDefinition: addedColumns)
            .GetOutputSchema(input);

    public static void SetVector(SchemaDefinition definition, string column, bool slotNames)
    {
        definition[column].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Placeholder);
        if (!slotNames)
        {
            return;
        }

        definition[column].AddAnnotation(
            AnnotationKinds.SlotNames,
            new VBuffer<ReadOnlyMemory<char>>(Placeholder, new ReadOnlyMemory<char>[Placeholder]),
            new VectorDataViewType(TextDataViewType.Instance, Placeholder));
    }

    public static void SetKeyWithValues(SchemaDefinition definition, string column, PrimitiveDataViewType valueType)
    {
        definition[column].ColumnType = new KeyDataViewType(typeof(uint), Placeholder);
        typeof(OutputShape).GetMethod(nameof(AddKeyValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(valueType.RawType)
            .Invoke(null, [definition[column], valueType]);
    }

    private static void AddKeyValues<T>(SchemaDefinition.Column column, PrimitiveDataViewType valueType) =>
        column.AddAnnotation(AnnotationKinds.KeyValues, new VBuffer<T>(Placeholder, new T[Placeholder]), new VectorDataViewType(valueType, Placeholder));

    /// <summary>The custom mapping reads no input column.</summary>
    private sealed class NoInput
    {
    }
}
