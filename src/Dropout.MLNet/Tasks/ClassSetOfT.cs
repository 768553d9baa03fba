using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tasks;

/// <summary>A <see cref="ClassSet"/> whose values are of the .NET type <typeparamref name="T"/>.</summary>
internal sealed class ClassSet<T> : ClassSet
    where T : notnull
{
    private readonly T[] _values;

    public ClassSet(T[] values)
        : base(values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToArray()) => _values = values;

    public override IDataView ToKeyData(MLContext mlContext) =>
        mlContext.Data.LoadFromEnumerable(_values.Select(v => new KeyRow { Value = v }));

    public override IDataView ToLabeledData(MLContext mlContext, string featureColumn, int width, IEnumerable<(int Class, int Slot, float Value)> rows)
    {
        var materialized = rows
            .Select(r => new LabeledRow { Value = _values[r.Class], Features = new VBuffer<float>(width, 1, [r.Value], [r.Slot]) })
            .ToArray();
        var schema = SchemaDefinition.Create(typeof(LabeledRow));
        var features = schema[nameof(LabeledRow.Features)];
        features.ColumnName = featureColumn;
        features.ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return mlContext.Data.LoadFromEnumerable(materialized, schema);
    }

    private sealed class KeyRow
    {
        public T Value { get; set; } = default!;
    }

    private sealed class LabeledRow
    {
        public T Value { get; set; } = default!;

        public VBuffer<float> Features { get; set; }
    }
}
