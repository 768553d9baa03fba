using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>The hyperparameter the loss depends on gets the importance; one it ignores gets little.</summary>
[TestClass]
public sealed class HyperparameterImportanceTests
{
    [TestMethod]
    public void TheHyperparameterThatDrivesTheLoss_GetsMostOfTheImportance()
    {
        var space = new SearchSpace { ["DropoutRate"] = new UniformSingleOption(0f, 0.6f), ["LearningRate"] = new UniformSingleOption(1e-3f, 1e-1f, logBase: true) };
        var random = new Random(3);
        var trials = Enumerable.Range(0, 30).Select(i =>
        {
            float rate = (float)(random.NextDouble() * 0.6), learning = (float)Math.Exp(Math.Log(1e-3) + (random.NextDouble() * Math.Log(100)));
            double loss = Math.Pow(rate - 0.3, 2) + (0.0001 * random.NextDouble());
            return new TrialResult(i, new Parameter([KeyValuePair.Create("DropoutRate", (object)rate), KeyValuePair.Create("LearningRate", (object)learning)]),
                TrialStatus.Completed, loss, loss, 10, TimeSpan.Zero);
        }).ToArray();

        var importance = HyperparameterImportance.Compute(space, trials, seed: 0);

        Assert.AreEqual(1.0, importance.Values.Sum(), 1e-9);
        Assert.IsGreaterThan(0.8, importance["DropoutRate"], string.Join(", ", importance.Select(p => $"{p.Key} {p.Value:F3}")));
        Assert.IsEmpty(HyperparameterImportance.Compute(space, trials[..3], seed: 0), "three trials are too few to say");
    }
}
