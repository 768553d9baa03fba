using Microsoft.ML;
using Dropout.MLNet.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests.Data;

/// <summary>The rows are read once, split without a copy, and a data set too large for one array is refused before reading.</summary>
[TestClass]
public sealed class TrainingMemoryTests
{
    [TestMethod]
    public void TheValidationSplit_HoldsOutWholeGroupsOfIdenticalRows_InTheReadsOwnMemory()
    {
        var labels = Enumerable.Range(0, 100).Select(i => (float)(i % 3)).ToArray();
        var features = Enumerable.Range(0, 100).SelectMany(i => new[] { (float)(i % 40), 1f }).ToArray();
        var rows = new TrainingRows(features, labels, null, featureCount: 2);

        var (train, validation) = ValidationSplit.Split(rows, 0.2f, seed: 3);

        Assert.IsNotNull(validation);
        Assert.AreEqual(100, train.Count + validation.Count);
        Assert.IsGreaterThanOrEqualTo(20, validation.Count);
        var trainValues = Values(train);
        Assert.IsFalse(Values(validation).Any(trainValues.Contains), "no row has a copy on the other side");
        features[0] = -1f;
        Assert.IsTrue(train.Features.Contains(-1f) || validation.Features.Contains(-1f), "the parts are the read's own arrays");
    }

    [TestMethod]
    public void MoreValuesThanOneArrayHolds_AreRefusedBeforeReading()
    {
        var mlContext = new MLContext(seed: 1);
        var data = new ClaimedRowCount(SyntheticData.RingsWithKeyLabel(mlContext, 10, seed: 1), rows: 1_000_000_000);

        var error = Assert.ThrowsExactly<ArgumentException>(() => mlContext.MulticlassClassification.Trainers.DropoutMlp().Fit(data));

        StringAssert.Contains(error.Message, "1,000,000,000 rows of 4 features in column 'Features'");
        StringAssert.Contains(error.Message, "TakeRows");
    }

    [TestMethod]
    public void TextWideFeaturesThatDoNotFit_AreRefusedWithFeatureSelectionNamed()
    {
        var mlContext = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 4).Select(i => new WideRow { Label = i % 2 == 0, Features = new float[WideRow.Width] });
        var data = new ClaimedRowCount(mlContext.Data.LoadFromEnumerable(rows), rows: 100_000);

        var error = Assert.ThrowsExactly<ArgumentException>(() => mlContext.BinaryClassification.Trainers.DropoutMlp().Fit(data));

        StringAssert.Contains(error.Message, "100,000 rows of 30000 features in column 'Features'");
        StringAssert.Contains(error.Message, "SelectFeaturesBasedOnCount");
    }

    private static HashSet<float> Values(TrainingRows rows)
    {
        var values = new HashSet<float>();
        for (int r = 0; r < rows.Count; r++)
        {
            values.Add(rows.Features[r * rows.FeatureCount]);
        }

        return values;
    }

    private sealed class WideRow
    {
        public const int Width = 30_000;

        public bool Label { get; set; }

        [Microsoft.ML.Data.VectorType(Width)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>A view that claims more rows than it has, as a view over a file of billions of rows would report.</summary>
    private sealed class ClaimedRowCount(IDataView source, long rows) : IDataView
    {
        public bool CanShuffle => source.CanShuffle;

        public DataViewSchema Schema => source.Schema;

        public long? GetRowCount() => rows;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => source.GetRowCursor(columnsNeeded, rand);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            source.GetRowCursorSet(columnsNeeded, n, rand);
    }
}
