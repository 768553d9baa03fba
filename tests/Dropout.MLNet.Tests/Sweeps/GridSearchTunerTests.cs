using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>The grid is visited point by point, never built: in order, or shuffled without repeating a point.</summary>
[TestClass]
public sealed class GridSearchTunerTests
{
    private static readonly SearchSpace Small = new()
    {
        ["DropoutRate"] = new UniformSingleOption(0f, 0.5f),
        ["BatchSize"] = new ChoiceOption(32, 64, 128),
    };

    [TestMethod]
    public void InOrder_TheFirstOptionVariesSlowest_AndTheGridEnds()
    {
        var tuner = new GridSearchTuner(stepsPerRange: 2);

        var points = Enumerable.Range(0, 7).Select(i => tuner.Propose(new TrialSettings(i, Small))).ToArray();

        CollectionAssert.AreEqual(new[] { "BatchSize", "DropoutRate" }, Small.Names.ToArray(), "the space lists its options by name");
        CollectionAssert.AreEqual(new object[] { 32, 32, 64, 64, 128, 128 }, points[..6].Select(p => p!["BatchSize"]).ToArray());
        CollectionAssert.AreEqual(new object[] { 0f, 0.5f, 0f, 0.5f, 0f, 0.5f }, points[..6].Select(p => p!["DropoutRate"]).ToArray());
        Assert.IsNull(points[6], "six points, then nothing");
    }

    [TestMethod]
    public void Shuffled_VisitsEveryPointOnce_InASeededOrder()
    {
        string[] Visit(int seed)
        {
            var tuner = new GridSearchTuner(stepsPerRange: 4, shuffleSeed: seed);
            return [.. Enumerable.Range(0, 12).Select(i => tuner.Propose(new TrialSettings(i, Small))!.ToString())];
        }

        var first = Visit(1);

        Assert.HasCount(12, first.Distinct().ToArray(), "4 × 3 points, none twice");
        CollectionAssert.AreEqual(first, Visit(1));
        CollectionAssert.AreNotEqual(first, Visit(2));
    }

    [TestMethod]
    public void TheDefaultSpace_ProposesAtOnce_HoweverLargeItsGrid()
    {
        var space = SearchSpace.FromOptions(new DropoutMlpMulticlassTrainer.Options());
        var tuner = new GridSearchTuner(stepsPerRange: 5, shuffleSeed: 0);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var points = Enumerable.Range(0, 50).Select(i => tuner.Propose(new TrialSettings(i, space))!.ToString()).ToArray();

        Assert.HasCount(50, points.Distinct().ToArray());
        Assert.IsLessThan(TimeSpan.FromSeconds(5), clock.Elapsed, "no Cartesian product is built");
    }
}
