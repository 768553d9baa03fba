using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Tests.Sweeps;

/// <summary>SMAC never proposes a point again, whether it completed, was pruned or failed.</summary>
[TestClass]
public sealed class SmacTunerTests
{
    [TestMethod]
    public void APrunedOrFailedPoint_IsNotProposedAgain()
    {
        var space = new SearchSpace { ["BatchSize"] = new ChoiceOption(32, 64, 128), ["HiddenLayerCount"] = new UniformIntOption(1, 2) };
        var tuner = new SmacTuner(seed: 1, initialTrials: 2);
        var proposed = new List<string>();
        var statuses = new[] { TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Failed, TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Completed };
        for (int id = 0; id < statuses.Length; id++)
        {
            var point = tuner.Propose(new TrialSettings(id, space))!;
            proposed.Add(point.ToString());
            tuner.Update(new TrialResult(id, point, statuses[id], id, id, 1, TimeSpan.Zero));
        }

        Assert.HasCount(6, proposed.Distinct().ToArray(), "six points of a six-point space, each once: " + string.Join("; ", proposed));
    }
}
