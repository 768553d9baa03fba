using Dropout.MLNet.Network;
using Dropout.MLNet.Tests.Infrastructure;
using Dropout.MLNet.Training;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests.Training;

[TestClass]
public sealed class MaxNormTests
{
    [TestMethod]
    public void Constraint_ScalesLongRowsOntoTheBall_AndLeavesShortRowsAlone()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        using var network = new MlpNetwork(new NetworkSpec(10, [64], 3, DropoutMlpActivation.Relu, [0.5f], 0f), generator);
        var before = network.Linears[0].weight!.detach().clone();
        using (no_grad())
        {
            network.Linears[0].weight![0].mul_(100.0);
        }

        new MaxNormConstraint([1.0f]).Apply(network);

        var norms = network.Linears[0].weight!.norm(1).data<float>().ToArray();
        Assert.AreEqual(1.0, norms[0], 1e-5, "a long row is scaled to norm c");
        Assert.IsTrue(norms.All(n => n <= 1.0 + 1e-5), "every row is inside the ball");
        var shortRows = Enumerable.Range(1, 63).Where(r => before[r].norm().ToSingle() < 1.0f).ToArray();
        Assert.IsNotEmpty(shortRows);
        Assert.IsTrue(shortRows.All(r => network.Linears[0].weight![r].eq(before[r]).all().ToBoolean()), "short rows are untouched");
    }

    [TestMethod]
    public void Training_WithMaxNorm_EndsWithEveryHiddenRowInsideTheBall()
    {
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 1);
        var trainer = mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [32, 16],
            MaximumNumberOfEpochs = 30,
            LearningRate = 0.05f,
            HiddenLayerMaxNorms = [0.8f, 0.5f],
        });

        var layers = trainer.Fit(data).Model.Layers;

        foreach (var (layer, limit) in new[] { (layers[0], 0.8), (layers[1], 0.5) })
        {
            for (int row = 0; row < layer.Outputs; row++)
            {
                double norm = Math.Sqrt(layer.Weight.Skip(row * layer.Inputs).Take(layer.Inputs).Sum(w => (double)w * w));
                Assert.IsLessThanOrEqualTo(limit + 1e-5, norm, $"row {row} of a {layer.Outputs}x{layer.Inputs} layer");
            }
        }

        Assert.IsTrue(Enumerable.Range(0, layers[0].Outputs).Any(row =>
            Math.Sqrt(layers[0].Weight.Skip(row * layers[0].Inputs).Take(layers[0].Inputs).Sum(w => (double)w * w)) > 0.79), "the constraint was active");
    }
}
