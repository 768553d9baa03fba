using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Tests.Infrastructure;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests;

/// <summary>
/// The findings of a read of the fit: each case either fits correctly where it used to fail or mislead, or is refused
/// with the cause and the fix.
/// </summary>
[TestClass]
public sealed class FitGuardTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void ValidationDataWithoutLabeledRows_IsRefused()
    {
        var train = SyntheticData.RingsWithKeyLabel(_mlContext, 60, seed: 1);
        var validation = _mlContext.Data.SkipRows(train, 1000);

        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer().Fit(train, validation));

        StringAssert.Contains(error.Message, "validation data has no rows with a label");
    }

    [TestMethod]
    public void ValidationLabelsKeyedDifferently_AreRefusedWithTheFix()
    {
        var rows = SyntheticData.Rings(90, seed: 1).ToArray();
        var train = _mlContext.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(_mlContext.Data.LoadFromEnumerable(rows))
            .Transform(_mlContext.Data.LoadFromEnumerable(rows));
        var reordered = rows.OrderByDescending(r => r.Class, StringComparer.Ordinal).ToArray();
        var validation = _mlContext.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(_mlContext.Data.LoadFromEnumerable(reordered))
            .Transform(_mlContext.Data.LoadFromEnumerable(reordered));

        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer().Fit(train, validation));

        StringAssert.Contains(error.Message, "one MapValueToKey fitted on the training data");
    }

    [TestMethod]
    public void AllZeroWeights_AreRefused()
    {
        var data = Weighted(SyntheticData.Rings(60, seed: 1), _ => 0f);

        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(weighted: true).Fit(data));

        StringAssert.Contains(error.Message, "weight 0 in example weight column 'Weight'");
    }

    [TestMethod]
    public void WeightedLoss_CountsEachRowInProportionToItsWeight()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 2f, 0f, 0f, 1f }, [2, 2]);
        var labels = tensor(new long[] { 1, 1 });
        var perRow = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None).data<float>().ToArray();

        // Weights as the trainer passes them: divided by the data's mean weight (here [1, 3] over a mean of 2).
        float loss = DropoutMlpTask.Multiclass.Objective.Loss(logits, labels, tensor(new[] { 0.5f, 1.5f })).item<float>();

        Assert.AreEqual(((perRow[0] * 0.5) + (perRow[1] * 1.5)) / 2, loss, 1e-6, "the batch mean of weight × loss, not Σwl/Σw of the batch");
    }

    [TestMethod]
    public void ConstantWeights_TrainTheSameModelAsNoWeights()
    {
        var rows = SyntheticData.Rings(150, seed: 3).ToArray();
        var plain = Trainer().Fit(Weighted(rows, _ => 1f));
        var weighted = Trainer(weighted: true).Fit(Weighted(rows, _ => 7f));

        var expected = plain.Model.Layers[^1].Weight;
        var actual = weighted.Model.Layers[^1].Weight;
        Assert.IsLessThan(1e-4, expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max(), "weights of 7 divided by their mean are weights of 1");
    }

    [TestMethod]
    public void ByteKeyLabels_Train()
    {
        var schema = SchemaDefinition.Create(typeof(ByteKeyRow));
        schema[nameof(ByteKeyRow.Label)].ColumnType = new KeyDataViewType(typeof(byte), 3);
        schema[nameof(ByteKeyRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, SyntheticData.FeatureCount);
        var rows = SyntheticData.Rings(120, seed: 1).Select((r, i) => new ByteKeyRow { Label = (byte)(i % 3), Features = r.Features });
        var data = _mlContext.Data.LoadFromEnumerable(rows, schema);

        using var model = Trainer().Fit(data);

        Assert.AreEqual(3, model.Model.ClassNames.Count);
        Assert.IsGreaterThan(0.8, _mlContext.MulticlassClassification.Evaluate(model.Transform(data)).MicroAccuracy);
    }

    [TestMethod]
    public void NumericKeyValues_DeclareNoScoreSlotNames_AsTheFittedModelHasNone()
    {
        var rows = SyntheticData.Rings(90, seed: 1).Select((r, i) => new NumericLabelRow { Code = (i % 3) + 10, Features = r.Features });
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var keyed = _mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(NumericLabelRow.Code)).Fit(data).Transform(data);
        var trainer = Trainer();

        var declared = trainer.GetOutputSchema(Shapes.Of(keyed.Schema)).Single(c => c.Name == "Score");
        using var model = trainer.Fit(keyed);
        var fitted = model.GetOutputSchema(keyed.Schema)["Score"];

        Assert.AreEqual(fitted.Annotations.Schema.GetColumnOrNull(AnnotationKinds.SlotNames) is not null, declared.Annotations.Find(AnnotationKinds.SlotNames) is not null);
    }

    [TestMethod]
    public void FeatureConstantToFloatPrecision_IsNotBlownUp_ButATinyScaleFeatureIsStandardized()
    {
        var random = new Random(1);
        var features = Enumerable.Range(0, 500)
            .SelectMany(_ => new[] { (float)(1e6 + (random.NextDouble() * 0.1)), (float)(random.NextDouble() * 1e-6) })
            .ToArray();

        var standardizer = FeatureStandardizer.Fit(new TrainingRows(features, new float[500], null, 2));

        Assert.AreEqual(1f, standardizer.Scales[0], "1e6 ± 0.05 is constant to float32 precision (its ulp is 0.06)");
        Assert.AreEqual(1 / 2.9e-7, standardizer.Scales[1], 0.1 / 2.9e-7, "a feature at 1e-6 scale still gets unit variance");
    }

    [TestMethod]
    public void HiddenLayerMaxNorms_AreCopiedFromTheCaller()
    {
        float[] norms = [3f, 3f];
        var trainer = _mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [8, 4], HiddenLayerMaxNorms = norms });

        norms[0] = -1f;

        Assert.AreEqual(3f, trainer.TrainerOptions.HiddenLayerMaxNorms![0]);
    }

    [TestMethod]
    public void DivergingTraining_StopsNamingTheOption()
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 120, seed: 1);
        var trainer = _mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [32],
            Optimizer = DropoutMlpOptimizer.Sgd,
            LearningRate = 1e12f,
            MaximumNumberOfEpochs = 20,
        });

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => trainer.Fit(data));

        StringAssert.Contains(error.Message, "Training diverged");
        StringAssert.Contains(error.Message, "Lower LearningRate");
    }

    [TestMethod]
    public void MoreClassesThanTheScorerTakes_AreRefusedBeforeReadingRows()
    {
        var data = KeyedData.View(_mlContext, NativeHead.MaximumWidth + 1, SyntheticData.FeatureCount,
            SyntheticData.Rings(10, seed: 1).Select((r, i) => (i, r.Features)));

        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer().Fit(data));

        StringAssert.Contains(error.Message, $"has {NativeHead.MaximumWidth + 1} classes");
    }

    [TestMethod]
    public void DisposedModel_DeletesItsOnnxFile_AndLeavesASavedCopyScoring()
    {
        var data = SyntheticData.RingsWithKeyLabel(_mlContext, 90, seed: 1);
        var filesBefore = Directory.GetFiles(Dropout.MLNet.Scoring.ScratchFolder.Path);
        var model = Trainer().Fit(data);
        var modelFiles = Directory.GetFiles(Dropout.MLNet.Scoring.ScratchFolder.Path).Except(filesBefore).ToArray();
        using var stream = new MemoryStream();
        _mlContext.Model.Save(model, data.Schema, stream);
        var expected = model.Transform(data).GetColumn<float[]>("Score").ToArray();

        model.Dispose();
        Assert.HasCount(1, modelFiles, "the scorer's ONNX file, in this process's scratch folder");
        Assert.IsFalse(File.Exists(modelFiles[0]), "deleted with the model");
        stream.Position = 0;
        var loaded = _mlContext.Model.Load(stream, out _);

        CollectionAssert.AreEqual(expected[0], loaded.Transform(data).GetColumn<float[]>("Score").First());
    }

    private DropoutMlpMulticlassTrainer Trainer(bool weighted = false) =>
        _mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [16],
            MaximumNumberOfEpochs = 30,
            LearningRate = 0.01f,
            ExampleWeightColumnName = weighted ? "Weight" : null,
        });

    private IDataView Weighted(IEnumerable<SyntheticData.RingRow> rows, Func<int, float> weight)
    {
        var weightedRows = rows.Select((r, i) => new WeightedRow { Class = r.Class, Features = r.Features, Weight = weight(i) }).ToArray();
        var view = _mlContext.Data.LoadFromEnumerable(weightedRows);
        return _mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(WeightedRow.Class)).Fit(view).Transform(view);
    }

    private sealed class WeightedRow
    {
        public string Class { get; set; } = string.Empty;

        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Weight { get; set; }
    }

    private sealed class ByteKeyRow
    {
        public byte Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    private sealed class NumericLabelRow
    {
        public int Code { get; set; }

        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];
    }
}
