using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Data views whose "Label" is already a key, as MapValueToKey makes it, for any number of classes.</summary>
internal static class KeyedData
{
    /// <param name="rows">0-based class indices and feature vectors (<c>LoadFromEnumerable</c> stores a key property as value + 1).</param>
    public static IDataView View(MLContext mlContext, int classes, int featureCount, IEnumerable<(int Class, float[] Features)> rows)
    {
        var schema = SchemaDefinition.Create(typeof(KeyRow));
        schema[nameof(KeyRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(KeyRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return mlContext.Data.LoadFromEnumerable(rows.Select(r => new KeyRow { Label = (uint)r.Class, Features = r.Features }), schema);
    }

    private sealed class KeyRow
    {
        public uint Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
