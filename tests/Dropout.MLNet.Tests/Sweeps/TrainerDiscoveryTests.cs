using Dropout.MLNet.Sweeps;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>A sweep finds its trainer from the data's schema alone: no row is read, no estimator is fitted.</summary>
[TestClass]
public sealed class TrainerDiscoveryTests
{
    [TestMethod]
    public void TheTrainer_IsFoundWithoutReadingARow()
    {
        var mlContext = new MLContext(seed: 1);
        var pipeline = OverfitData.Featurizer(mlContext).Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(OverfitData.WideNetwork(1)));

        var discovery = TrainerDiscovery.Of(mlContext, pipeline, new UnreadableView(OverfitData.Load(mlContext, 10, seed: 1)));

        Assert.HasCount(1, discovery.Trainers);
        Assert.AreEqual(1, discovery.Trainers[0].Options.MaximumNumberOfEpochs);
    }

    /// <summary>A view with a schema whose rows cannot be read: a fit (even on zero rows) opens a cursor and fails.</summary>
    private sealed class UnreadableView(IDataView source) : IDataView
    {
        public bool CanShuffle => false;

        public DataViewSchema Schema => source.Schema;

        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
            throw new InvalidOperationException("A row was read.");

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            throw new InvalidOperationException("A row was read.");
    }
}
