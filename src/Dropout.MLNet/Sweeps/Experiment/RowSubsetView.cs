using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Sweeps;

/// <summary>The rows of a source whose part (in <c>parts</c>, one byte per source row) is, or is not, the given one; in the source's order.</summary>
internal sealed class RowSubsetView : IDataView
{
    private readonly IDataView _source;
    private readonly byte[] _parts;
    private readonly byte _part;
    private readonly bool _inPart;
    private readonly long _rows;

    /// <param name="source">The data; its row order must be stable (as every ML.NET loader's is).</param>
    /// <param name="parts">The part of each source row.</param>
    /// <param name="part">The part chosen.</param>
    /// <param name="inPart">Whether the view holds the rows of <paramref name="part"/> or every other row.</param>
    public RowSubsetView(IDataView source, byte[] parts, byte part, bool inPart)
    {
        _source = source;
        _parts = parts;
        _part = part;
        _inPart = inPart;
        _rows = parts.LongCount(p => (p == part) == inPart);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _source.GetRowCursor(columnsNeeded));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(RowSubsetView view, DataViewRowCursor source) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => source.Batch;

        public override DataViewSchema Schema => source.Schema;

        public override bool MoveNext()
        {
            while (source.MoveNext())
            {
                if ((view._parts[source.Position] == view._part) == view._inPart)
                {
                    _position++;
                    return true;
                }
            }

            return false;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => source.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => source.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => source.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                source.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
