using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

/// <summary>Bad input is refused with an error that names the column or option, before any training.</summary>
[TestClass]
public sealed class BadInputTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void EmptyTrainingData_IsRefused()
    {
        var empty = _mlContext.Data.SkipRows(SyntheticData.RingsWithKeyLabel(_mlContext, 30, seed: 1), 100);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer().Fit(empty));
        StringAssert.Contains(error.Message, "no rows");
    }

    [TestMethod]
    public void LabelThatIsNotAKey_IsRefusedWithTheFix()
    {
        var data = _mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(30, seed: 1));
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(labelColumn: "Class").Fit(data));
        StringAssert.Contains(error.Message, "Label column 'Class' must be a key type");
        StringAssert.Contains(error.Message, "MapValueToKey(\"Class\")");
        Assert.ThrowsExactly<ArgumentException>(() => Trainer(labelColumn: "Class").GetOutputSchema(Shapes.Of(data.Schema)));
    }

    [TestMethod]
    public void MissingColumns_AreNamed()
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 30, seed: 1);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Trainer(featureColumn: "Nope").Fit(data)).Message, "'Nope' (FeatureColumnName)");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Trainer(labelColumn: "Nope").Fit(data)).Message, "'Nope' (LabelColumnName)");
    }

    [TestMethod]
    public void FeatureColumnOfTheWrongType_IsRefused()
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 30, seed: 1);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(featureColumn: "Class").Fit(data));
        StringAssert.Contains(error.Message, "Feature column 'Class'");
        StringAssert.Contains(error.Message, "known-size vector of Single");
    }

    [TestMethod]
    public void NaNOrInfiniteFeature_IsRefusedWithItsRow()
    {
        var rows = SyntheticData.Rings(30, seed: 1).ToArray();
        rows[4].Features[2] = float.NaN;
        var data = _mlContext.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(_mlContext.Data.LoadFromEnumerable(rows))
            .Transform(_mlContext.Data.LoadFromEnumerable(rows));
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer().Fit(data));
        StringAssert.Contains(error.Message, "Feature column 'Features' has a missing (NaN) value in row 5, slot 2");
        StringAssert.Contains(error.Message, "ReplaceMissingValues");
    }

    [TestMethod]
    public void FewerThanTwoClasses_IsRefused()
    {
        var rows = SyntheticData.Rings(30, seed: 1).Select(r => new SyntheticData.RingRow { Class = "only", Features = r.Features });
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var keyed = _mlContext.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(data).Transform(data);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Trainer().Fit(keyed)).Message, "at least two");

        var allTrue = _mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(30, seed: 1).Select(r => new SyntheticData.XorRow { Label = true, Features = r.Features }));
        StringAssert.Contains(
            Assert.ThrowsExactly<ArgumentException>(() => _mlContext.BinaryClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 1).Fit(allTrue)).Message,
            "at least two classes");
    }

    [TestMethod]
    public void BinaryLabelThatIsNotBoolean_IsRefused()
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 30, seed: 1);
        var error = Assert.ThrowsExactly<ArgumentException>(() => _mlContext.BinaryClassification.Trainers.DropoutMlp().Fit(data));
        StringAssert.Contains(error.Message, "must be Boolean");
    }

    [TestMethod]
    public void FeatureSizeThatDiffersAtScoring_IsRefused()
    {
        var model = Trainer().Fit(SyntheticData.RingsWithKeyLabel(_mlContext, 60, seed: 1));
        var wider = _mlContext.Data.LoadFromEnumerable(new[] { new WideRow { Features = new float[6] } });

        var error = Assert.ThrowsExactly<ArgumentException>(() => model.Transform(wider));
        StringAssert.Contains(error.Message, "Feature column 'Features'");
        StringAssert.Contains(error.Message, "vector of 4 Single values");
    }

    private DropoutMlpMulticlassTrainer Trainer(string labelColumn = "Label", string featureColumn = "Features") =>
        _mlContext.MulticlassClassification.Trainers.DropoutMlp(labelColumn, featureColumn, [8], 0.1f, 2);

    private sealed class WideRow
    {
        [VectorType(6)]
        public float[] Features { get; set; } = [];
    }
}
