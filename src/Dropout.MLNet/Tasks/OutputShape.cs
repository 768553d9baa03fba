using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// Adds the scored columns to an estimator's input <see cref="SchemaShape"/>. ML.NET keeps the construction of
/// schema-shape columns internal; its custom-mapping estimator is the public way to declare added columns, with
/// their types and annotations, from a <see cref="SchemaDefinition"/>. Vector sizes and key counts are placeholders:
/// a schema shape records neither. Every added column carries the annotations ML.NET's trainers give their scored
/// columns (the score column set, its kind, the value kind, and for a probability that it is normalized), so the
/// declared shape is the delivered one.
/// </summary>
internal static class OutputShape
{
    private const int Placeholder = 2;

    /// <param name="input">The estimator's input.</param>
    /// <param name="addedColumns">The scored columns, named as ML.NET names them (Score, Probability, PredictedLabel).</param>
    /// <param name="scoreColumnKind">ML.NET's name of the task's scores: "MulticlassClassification", "BinaryClassification", "Regression".</param>
    public static SchemaShape Append<TRow>(SchemaShape input, SchemaDefinition addedColumns, string scoreColumnKind)
        where TRow : class, new()
    {
        foreach (var column in addedColumns)
        {
            column.AddAnnotation(AnnotationKinds.ScoreColumnSetId, 1u, new KeyDataViewType(typeof(uint), int.MaxValue));
            column.AddAnnotation(AnnotationKinds.ScoreColumnKind, scoreColumnKind.AsMemory(), TextDataViewType.Instance);
            column.AddAnnotation(AnnotationKinds.ScoreValueKind, column.ColumnName.AsMemory(), TextDataViewType.Instance);
            if (column.ColumnName == DefaultColumnNames.Probability)
            {
                column.AddAnnotation(AnnotationKinds.IsNormalized, true, BooleanDataViewType.Instance);
            }
        }

        return new MLContext().Transforms
            .CustomMapping<NoInput, TRow>((_, _) => { }, contractName: null, outputSchemaDefinition: addedColumns)
            .GetOutputSchema(input);
    }

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
        AddValues(definition[column], AnnotationKinds.KeyValues, valueType);
    }

    /// <summary>The label's values a multiclass score vector is over, as ML.NET's multiclass trainers annotate it.</summary>
    public static void SetTrainingLabelValues(SchemaDefinition definition, string column, PrimitiveDataViewType valueType) =>
        AddValues(definition[column], AnnotationKinds.TrainingLabelValues, valueType);

    private static void AddValues(SchemaDefinition.Column column, string kind, PrimitiveDataViewType valueType) =>
        typeof(OutputShape).GetMethod(nameof(AddValuesOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(valueType.RawType)
            .Invoke(null, [column, kind, valueType]);

    private static void AddValuesOf<T>(SchemaDefinition.Column column, string kind, PrimitiveDataViewType valueType) =>
        column.AddAnnotation(kind, new VBuffer<T>(Placeholder, new T[Placeholder]), new VectorDataViewType(valueType, Placeholder));

    /// <summary>The custom mapping reads no input column.</summary>
    private sealed class NoInput
    {
    }
}
