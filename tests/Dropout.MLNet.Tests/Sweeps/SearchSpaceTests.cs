using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Tests.Sweeps;

[TestClass]
public sealed class SearchSpaceTests
{
    [TestMethod]
    public void FromOptions_DeclaresEveryHyperparameter_WithTheOptionsValuesAsDefaults()
    {
        var options = new DropoutMlpMulticlassTrainer.Options { DropoutRate = 0.35f, BatchSize = 64, HiddenLayerSizes = [64, 32, 16] };
        var space = SearchSpace.FromOptions(options);

        CollectionAssert.AreEquivalent(
            new[] { "BatchSize", "DropoutRate", "HiddenLayerCount", "HiddenLayerWidth", "InputDropoutRate", "LearningRate", "MaximumNumberOfEpochs", "WeightDecay" },
            space.Names.ToArray());
        Assert.AreEqual(0.35f, space["DropoutRate"].DefaultValue);
        Assert.AreEqual(64, space["BatchSize"].DefaultValue);
        Assert.AreEqual(64, space[SearchSpace.HiddenLayerWidth].DefaultValue);
        Assert.AreEqual(3, space[SearchSpace.HiddenLayerCount].DefaultValue);
        Assert.IsTrue(((UniformSingleOption)space["LearningRate"]).LogBase);
    }

    [TestMethod]
    public void FixOnlyAndNarrow_ChangeTheSpace()
    {
        var space = SearchSpace.FromOptions(new DropoutMlpMulticlassTrainer.Options()).Fix("BatchSize").Only("DropoutRate", "LearningRate");
        space["DropoutRate"] = new UniformSingleOption(0.1f, 0.3f);

        CollectionAssert.AreEqual(new[] { "DropoutRate", "LearningRate" }, space.Names.ToArray());
        Assert.AreEqual(0.2f, (float)space["DropoutRate"].DefaultValue, 1e-6f, "a narrowed range defaults to its middle");
        Assert.ThrowsExactly<KeyNotFoundException>(() => space.Fix("Momentum"));
    }

    [TestMethod]
    public void Options_MapTheUnitIntervalOntoTheirScale()
    {
        var log = new UniformSingleOption(1e-4f, 1e-2f, logBase: true);
        var integers = new UniformIntOption(16, 512, logBase: true);
        var choice = new ChoiceOption(32, 64, 128);

        Assert.AreEqual(1e-3f, (float)log.FromUnit(0.5), 1e-7f, "the middle of a log range is the geometric mean");
        Assert.AreEqual(0.5, log.ToUnit(1e-3f), 1e-6);
        Assert.AreEqual(89, integers.FromUnit(0.5), "√(15.5·512.5) rounded: the geometric middle of the values' rounding intervals");
        Assert.AreEqual(128, choice.FromUnit(0.99));
        CollectionAssert.AreEqual(new object[] { 32, 64, 128 }, choice.Grid(5).ToArray());
        CollectionAssert.AreEqual(new object[] { 0f, 0.5f, 1f }, new UniformSingleOption(0f, 1f).Grid(3).ToArray());
    }

    [TestMethod]
    public void WholeNumbers_EachGetAnEqualShareOfUniformDraws_TheEndsIncluded()
    {
        var depth = new UniformIntOption(1, 3);
        var random = new Random(1);

        var shares = Enumerable.Range(0, 30_000).Select(_ => (int)depth.FromUnit(random.NextDouble())).GroupBy(v => v).OrderBy(g => g.Key)
            .Select(g => g.Count() / 30_000.0).ToArray();

        Assert.HasCount(3, shares);
        Assert.IsTrue(shares.All(share => Math.Abs(share - (1 / 3.0)) < 0.015), string.Join(", ", shares));
        foreach (int value in new[] { 1, 2, 3 })
        {
            Assert.AreEqual(value, depth.FromUnit(depth.ToUnit(value)), "ToUnit is FromUnit's inverse on the values");
        }
    }

    [TestMethod]
    public void EmptyOrInvertedRanges_AndBadDefaults_AreRefusedAtOnce()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new UniformSingleOption(0.5f, 0.5f));
        var inverted = Assert.ThrowsExactly<ArgumentException>(() => new UniformIntOption(10, 2));
        StringAssert.Contains(inverted.Message, "empty or inverted");
        Assert.ThrowsExactly<ArgumentException>(() => new UniformSingleOption(0f, 1f, logBase: true));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new UniformSingleOption(0f, 0.5f, defaultValue: 0.9f));
        Assert.ThrowsExactly<ArgumentException>(() => new ChoiceOption());
        Assert.ThrowsExactly<ArgumentException>(() => new ChoiceOption(1, "two"));
    }

    [TestMethod]
    public void Apply_WritesAPointIntoACopyOfTheOptions_LayersHalvingInWidth()
    {
        var options = new DropoutMlpMulticlassTrainer.Options();
        var point = new Parameter(new Dictionary<string, object>
        {
            ["DropoutRate"] = 0.4f,
            ["BatchSize"] = 32,
            [SearchSpace.HiddenLayerWidth] = 256,
            [SearchSpace.HiddenLayerCount] = 3,
        });

        var applied = Hyperparameters.Apply(options, point);

        Assert.AreEqual(0.4f, applied.DropoutRate);
        Assert.AreEqual(32, applied.BatchSize);
        CollectionAssert.AreEqual(new[] { 256, 128, 64 }, applied.HiddenLayerSizes.ToArray());
        Assert.AreEqual(0.2f, options.DropoutRate, "the options themselves are untouched");
    }

    [TestMethod]
    public void GridSearchTuner_VisitsEveryCombination_ThenEnds()
    {
        var space = new SearchSpace { ["DropoutRate"] = new UniformSingleOption(0f, 0.5f), ["BatchSize"] = new ChoiceOption(32, 64) };
        var tuner = new GridSearchTuner(stepsPerRange: 3);

        var points = Enumerable.Range(0, 7).Select(i => tuner.Propose(new TrialSettings(i, space))).ToArray();

        Assert.IsTrue(points.Take(6).All(p => p is not null));
        Assert.IsNull(points[6]);
        Assert.HasCount(6, points.Take(6).Select(p => p!.ToString()).Distinct());
    }
}
