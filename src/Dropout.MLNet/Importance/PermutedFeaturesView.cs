using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Importance;

/// <summary>
/// A data view that is its source, except that in the feature column the given slots of row i hold row
/// <c>permutation[i]</c>'s values, the rest row i's own. The feature vectors are read once, in the source's (stable)
/// row order, and every permutation reuses them.
/// </summary>
internal sealed class PermutedFeaturesView : IDataView
{
    private readonly IDataView _source;
    private readonly int _featureIndex;
    private readonly float[] _features;
    private readonly int _width;
    private readonly int[] _slots;
    private readonly int[] _permutation;

    public PermutedFeaturesView(IDataView source, int featureIndex, float[] features, int width, int[] slots, int[] permutation)
    {
        _source = source;
        _featureIndex = featureIndex;
        _features = features;
        _width = width;
        _slots = slots;
        _permutation = permutation;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _permutation.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _source.GetRowCursor(columnsNeeded));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Reads every row's feature vector, densely, in the source's order.</summary>
    public static float[] ReadFeatures(IDataView source, DataViewSchema.Column column, int width)
    {
        var values = new List<float>();
        var dense = new float[width];
        using var cursor = source.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> row = default;
        while (cursor.MoveNext())
        {
            getter(ref row);
            row.CopyTo(dense);
            values.AddRange(dense);
        }

        return [.. values];
    }

    private sealed class Cursor(PermutedFeaturesView view, DataViewRowCursor source) : DataViewRowCursor
    {
        public override long Position => source.Position;

        public override long Batch => source.Batch;

        public override DataViewSchema Schema => source.Schema;

        public override bool MoveNext() => source.MoveNext();

        public override bool IsColumnActive(DataViewSchema.Column column) => source.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => source.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != view._featureIndex)
            {
                return source.GetGetter<TValue>(column);
            }

            ValueGetter<VBuffer<float>> getter = Permuted;
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                source.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Permuted(ref VBuffer<float> value)
        {
            int row = (int)Position;
            int width = view._width;
            var editor = VBufferEditor.Create(ref value, width);
            view._features.AsSpan(row * width, width).CopyTo(editor.Values);
            int donor = view._permutation[row] * width;
            foreach (int slot in view._slots)
            {
                editor.Values[slot] = view._features[donor + slot];
            }

            value = editor.Commit();
        }
    }
}
