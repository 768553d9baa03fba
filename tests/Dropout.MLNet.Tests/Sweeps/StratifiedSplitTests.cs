using Dropout.MLNet.Sweeps;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>Evaluation splits keep every class in its proportion, so a rare class is in every fold and the metric is defined.</summary>
[TestClass]
public sealed class StratifiedSplitTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void Folds_PutARareClassInEveryFold_AndEveryRowInExactlyOneTestSet()
    {
        var data = Rows([("common", 93), ("rare", 5), ("rarer", 2)]);

        var splits = EvaluationSplits.Folds(_mlContext, data, folds: 5, seed: 3, strata: "Class");

        var tests = splits.Splits.Select(s => Ids(s.Test)).ToArray();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 100).ToArray(), tests.SelectMany(t => t).ToArray(), "each row is tested once");
        foreach (var (train, test) in splits.Splits)
        {
            Assert.AreEqual(100, Ids(train).Concat(Ids(test)).Distinct().Count(), "train and test of a fold are disjoint and cover the data");
            var classes = Classes(test);
            Assert.AreEqual(1, classes.Count(c => c == "rare"), "5 rare rows in 5 folds: one each");
            Assert.IsTrue(classes.Count(c => c == "common") is 18 or 19);
            Assert.AreEqual(classes.Length, test.GetRowCount(), "the view counts its rows");
        }
    }

    [TestMethod]
    public void Holdout_HoldsOutEachClassInProportion()
    {
        var data = Rows([("a", 600), ("b", 300), ("c", 90), ("d", 10)]);

        var (train, test) = EvaluationSplits.Holdout(_mlContext, data, testFraction: 0.2, seed: 3, strata: "Class").Splits[0];

        var classes = Classes(test);
        Assert.AreEqual(120, classes.Count(c => c == "a"), 1);
        Assert.AreEqual(60, classes.Count(c => c == "b"), 1);
        Assert.AreEqual(18, classes.Count(c => c == "c"), 1);
        Assert.AreEqual(2, classes.Count(c => c == "d"), 1);
        Assert.AreEqual(1000, Ids(train).Length + classes.Length);
    }

    [TestMethod]
    public void ASweepCrossValidatingARareBinaryClass_CompletesEveryTrial_WithAFiniteAuc()
    {
        // 3 positives in 150 rows and 3 folds: a plain random split leaves a fold without a positive (AUC undefined) for
        // most seeds; stratified, each fold has one.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 150).Select(i => new BinaryRow
        {
            Label = i % 50 == 0,
            Features = [(float)random.NextDouble() + (i % 50 == 0 ? 2f : 0f), (float)random.NextDouble()],
        });
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var options = new DropoutMlpBinaryTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 5, ValidationFraction = 0f, EarlyStoppingPatience = null };

        var result = _mlContext.DropoutMlpSweeps().CreateExperiment(seed: 0)
            .SetPipeline(_mlContext.BinaryClassification.Trainers.DropoutMlp(options))
            .SetDataset(data, fold: 3)
            .SetMetric(SweepMetric.AreaUnderRocCurve)
            .SetSearchSpace(SearchSpace.FromOptions(options).Only("DropoutRate"))
            .SetRandomSearchTuner()
            .SetMaxTrials(2)
            .Run();

        Assert.IsTrue(result.Trials.All(t => t.Status == TrialStatus.Completed && double.IsFinite(t.Metric)),
            string.Join("; ", result.Trials.Select(t => $"{t.Status} {t.Metric} {t.Error?.Message}")));
    }

    [TestMethod]
    public void AStratificationColumnNotInTheData_IsRefusedByName()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            _mlContext.DropoutMlpSweeps().CreateExperiment().SetDataset(Rows([("a", 10)]), fold: 3, stratificationColumnName: "species"));

        StringAssert.Contains(error.Message, "'species' is not in the data");
    }

    private IDataView Rows((string Class, int Count)[] classes) => _mlContext.Data.LoadFromEnumerable(
        classes.SelectMany(c => Enumerable.Repeat(c.Class, c.Count)).Select((c, i) => new ClassRow { Id = i, Class = c }));

    private static int[] Ids(IDataView view) => [.. view.GetColumn<int>("Id")];

    private static string[] Classes(IDataView view) => [.. view.GetColumn<string>("Class")];

    private sealed class ClassRow
    {
        public int Id { get; set; }

        public string Class { get; set; } = "";
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }
}
