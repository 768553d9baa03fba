using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Importance;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests.Importance;

/// <summary>Permutation feature importance finds the features that matter, per column and per slot, fresh and loaded.</summary>
[TestClass]
public sealed class PermutationFeatureImportanceTests
{
    private static readonly MLContext MlContext = new(seed: 1);
    private static IDataView s_train = null!;
    private static IDataView s_test = null!;
    private static ITransformer s_model = null!;
    private static ITransformer s_loaded = null!;

    [ClassInitialize]
    public static void Train(TestContext context)
    {
        s_train = MlContext.Data.LoadFromEnumerable(Rows(900, seed: 1));
        s_test = MlContext.Data.LoadFromEnumerable(Rows(300, seed: 2));
        s_model = MlContext.Transforms.Conversion.MapValueToKey("Label", nameof(ColumnRow.Ring))
            .Append(MlContext.Transforms.Categorical.OneHotEncoding(nameof(ColumnRow.Color)))
            .Append(MlContext.Transforms.Concatenate("Features", nameof(ColumnRow.X), nameof(ColumnRow.Y), nameof(ColumnRow.Color), nameof(ColumnRow.Noise)))
            .Append(MlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [32, 32], LearningRate = 0.01f }))
            .Append(MlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(s_train);
        var path = Path.Combine(context.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        MlContext.Model.Save(s_model, s_train.Schema, path);
        s_loaded = new MLContext(seed: 2).Model.Load(path, out _);
    }

    [TestMethod]
    public void ByColumn_GroupsEachColumnsSlots_AndRanksTheSignalAboveTheNoise()
    {
        var importances = MlContext.MulticlassClassification.DropoutMlpFeatureImportance(s_loaded, s_test, permutationCount: 3);

        CollectionAssert.AreEqual(new[] { "X", "Y", "Color", "Noise" }, importances.Select(i => i.Name).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 3, 4 }, importances.Single(i => i.Name == "Color").Slots.ToArray(), "the three one-hot slots of Color");
        var drop = importances.ToDictionary(i => i.Name, i => i.Deltas["MicroAccuracy"]);
        Assert.IsLessThan(-0.2, drop["X"].Mean, "permuting X loses accuracy");
        Assert.IsLessThan(-0.2, drop["Y"].Mean, "permuting Y loses accuracy");
        Assert.IsLessThan(0.05, Math.Abs(drop["Color"].Mean), "Color is noise");
        Assert.IsLessThan(0.05, Math.Abs(drop["Noise"].Mean), "Noise is noise");
        Assert.AreEqual(3, drop["X"].Count);
        Assert.IsGreaterThan(0.0, importances[0].Deltas["LogLoss"].Mean, "log-loss rises when X is permuted");
    }

    [TestMethod]
    public void BySlot_GivesOneImportancePerSlot_TheSameForTheFreshAndTheLoadedPipeline()
    {
        var fresh = MlContext.MulticlassClassification.DropoutMlpFeatureImportance(s_model, s_test, grouping: FeatureGrouping.BySlot, seed: 4);
        var loaded = MlContext.MulticlassClassification.DropoutMlpFeatureImportance(s_loaded, s_test, grouping: FeatureGrouping.BySlot, seed: 4);

        CollectionAssert.AreEqual(new[] { "X", "Y", "Color.red", "Color.green", "Color.blue", "Noise" }, fresh.Select(i => i.Name).ToArray());
        CollectionAssert.AreEqual(
            fresh.SelectMany(i => i.Deltas.Values.Select(d => d.Mean)).ToArray(),
            loaded.SelectMany(i => i.Deltas.Values.Select(d => d.Mean)).ToArray());
    }

    [TestMethod]
    public void MLNetsOwnPermutationFeatureImportance_AcceptsTheFoundModel()
    {
        var dropoutMlp = s_loaded.FindDropoutMlp();
        var featurized = s_loaded.TransformUpToDropoutMlp(s_test);

        var importances = MlContext.MulticlassClassification.PermutationFeatureImportance(dropoutMlp, featurized);

        Assert.HasCount(6, importances);
        Assert.IsLessThan(-0.2, importances[0].MicroAccuracy.Mean, "X matters");
        Assert.IsLessThan(0.05, Math.Abs(importances[5].MicroAccuracy.Mean), "Noise does not");
    }

    [TestMethod]
    public void BinaryPipeline_RanksTheXorFeaturesFirst()
    {
        var data = MlContext.Data.LoadFromEnumerable(SyntheticData.Xor(600, seed: 1));
        var model = MlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options { HiddenLayerSizes = [32], LearningRate = 0.01f }).Fit(data);

        var importances = MlContext.BinaryClassification.DropoutMlpFeatureImportance(model, MlContext.Data.LoadFromEnumerable(SyntheticData.Xor(300, seed: 2)));

        Assert.HasCount(4, importances);
        Assert.IsTrue(importances[0].Deltas["AreaUnderRocCurve"].Mean < -0.2 && importances[1].Deltas["AreaUnderRocCurve"].Mean < -0.2,
            string.Join(", ", importances.Select(i => $"{i.Name}: {i.Deltas["AreaUnderRocCurve"].Mean:F3}")));
        Assert.IsLessThan(0.05, Math.Abs(importances[3].Deltas["AreaUnderRocCurve"].Mean));
    }

    [TestMethod]
    public void APermutationCountBelowOne_IsRefused() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MlContext.MulticlassClassification.DropoutMlpFeatureImportance(s_model, s_test, permutationCount: 0));

    private static IEnumerable<ColumnRow> Rows(int count, int seed)
    {
        string[] colors = ["red", "green", "blue"];
        var random = new Random(seed + 100);
        foreach (var (ring, i) in SyntheticData.Rings(count, seed).Select((r, i) => (r, i)))
        {
            yield return new ColumnRow { Ring = ring.Class, X = ring.Features[0], Y = ring.Features[1], Color = colors[i < 3 ? i : random.Next(3)], Noise = ring.Features[2] };
        }
    }

    private sealed class ColumnRow
    {
        public string Ring { get; set; } = string.Empty;

        public float X { get; set; }

        public float Y { get; set; }

        public string Color { get; set; } = string.Empty;

        public float Noise { get; set; }
    }
}
