using Dropout.MLNet.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests.Training;

/// <summary>The trainer's own Adam and SGD take the same steps as <c>torch.optim</c>'s.</summary>
[TestClass]
public sealed class OptimizerTests
{
    [TestMethod]
    [DataRow(0.0)]
    [DataRow(0.01)]
    public void Adam_MatchesTorchOptim(double weightDecay) =>
        AssertSameSteps(p => new AdamOptimizer(p, 0.01, weightDecay), p => optim.Adam(p, 0.01, weight_decay: weightDecay));

    [TestMethod]
    [DataRow(0.0, 0.0)]
    [DataRow(0.9, 0.01)]
    public void Sgd_MatchesTorchOptim(double momentum, double weightDecay) =>
        AssertSameSteps(p => new SgdOptimizer(p, 0.05, momentum, weightDecay), p => optim.SGD(p, 0.05, momentum: momentum, weight_decay: weightDecay));

    private static void AssertSameSteps(Func<IReadOnlyList<Parameter>, ParameterOptimizer> ours, Func<IEnumerable<Parameter>, optim.Optimizer> theirs)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var input = randn([32, 6], generator: generator);
        var target = randn([32, 2], generator: generator);
        var mine = nn.Linear(6, 2);
        var reference = nn.Linear(6, 2);
        reference.load_state_dict(mine.state_dict());
        var initial = mine.weight!.detach().clone();
        using var optimizer = ours([.. mine.parameters()]);
        using var torchOptimizer = theirs(reference.parameters());

        for (int step = 0; step < 5; step++)
        {
            optimizer.ZeroGrad();
            nn.functional.mse_loss(mine.forward(input), target).backward();
            optimizer.Step();
            torchOptimizer.zero_grad();
            nn.functional.mse_loss(reference.forward(input), target).backward();
            torchOptimizer.step();
        }

        Assert.IsTrue(mine.weight!.allclose(reference.weight!, rtol: 1e-5, atol: 1e-6), "weights after five steps");
        Assert.IsTrue(mine.bias!.allclose(reference.bias!, rtol: 1e-5, atol: 1e-6), "biases after five steps");
        Assert.IsFalse(mine.weight!.allclose(initial), "the weights moved");
    }
}
