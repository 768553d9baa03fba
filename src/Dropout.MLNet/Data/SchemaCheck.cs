using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Data;

/// <summary>Checks that the columns a trainer reads exist and have usable types, with errors that name the column and the fix.</summary>
internal static class SchemaCheck
{
    /// <summary>Checks a data view's feature and weight columns; returns the label column (its type is the task's to check) and the feature vector's size.</summary>
    public static (DataViewSchema.Column Label, int FeatureCount) Check(DataViewSchema schema, ColumnRoles roles, string dataName)
    {
        var features = Find(schema, roles.Feature, "FeatureColumnName", dataName);
        if (features.Type is not VectorDataViewType { Size: > 0 } vector || vector.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentException(
                $"Feature column '{roles.Feature}' in the {dataName} must be a known-size vector of Single, but it is {features.Type}. "
                + $"Build it with mlContext.Transforms.Concatenate(\"{roles.Feature}\", ...) from Single columns "
                + "(mlContext.Transforms.Conversion.ConvertType converts other numeric types).");
        }

        var label = Find(schema, roles.Label, "LabelColumnName", dataName);
        if (roles.Weight is { } weightName)
        {
            var weight = Find(schema, weightName, "ExampleWeightColumnName", dataName);
            if (weight.Type != NumberDataViewType.Single)
            {
                throw new ArgumentException($"Example weight column '{weightName}' in the {dataName} must be Single, but it is {weight.Type}.");
            }
        }

        return (label, vector.Size);
    }

    /// <summary>Checks a schema shape, as a pipeline does before any data is read; returns the label column (its type is the task's to check).</summary>
    public static SchemaShape.Column Check(SchemaShape shape, ColumnRoles roles)
    {
        var features = Find(shape, roles.Feature, "FeatureColumnName");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentException(
                $"Feature column '{roles.Feature}' must be a known-size vector of Single, but it is {features.Describe()}. "
                + $"Build it with mlContext.Transforms.Concatenate(\"{roles.Feature}\", ...) from Single columns.");
        }

        var label = Find(shape, roles.Label, "LabelColumnName");
        if (roles.Weight is { } weightName)
        {
            var weight = Find(shape, weightName, "ExampleWeightColumnName");
            if (weight.ItemType != NumberDataViewType.Single || weight.Kind != SchemaShape.Column.VectorKind.Scalar)
            {
                throw new ArgumentException($"Example weight column '{weightName}' must be Single, but it is {weight.Describe()}.");
            }
        }

        return label;
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string name, string option, string dataName) =>
        schema.GetColumnOrNull(name) ?? throw new ArgumentException(
            $"Column '{name}' ({option}) was not found in the {dataName}. Its columns are: "
            + string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name)) + ".");

    private static SchemaShape.Column Find(SchemaShape shape, string name, string option) =>
        shape.Find(name) ?? throw new ArgumentException(
                $"Column '{name}' ({option}) was not found in the input schema. Its columns are: "
                + string.Join(", ", shape.Select(c => c.Name)) + ".");
}
