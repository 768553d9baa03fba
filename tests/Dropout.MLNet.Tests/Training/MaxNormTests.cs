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
    public void TrainingLoop_KeepsEveryHiddenRowInsideTheBall_AfterEveryStep()
    {
        using var scope = NewDisposeScope();
        var random = new Random(3);
        var features = Enumerable.Range(0, 200 * 10).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        var labels = Enumerable.Range(0, 200).Select(i => (float)(features[i * 10] > 0 ? 1 : 0)).ToArray();
        using var generator = new Generator(5);
        using var network = new MlpNetwork(new NetworkSpec(10, [64, 32], 2, DropoutMlpActivation.Relu, [0.2f, 0.2f], 0f), generator);
        var largestNorms = new List<float>();
        var options = new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [64, 32],
            BatchSize = 200,
            LearningRate = 0.2f,
            MaximumNumberOfEpochs = 25,
            ValidationFraction = 0f,
            HiddenLayerMaxNorms = [0.5f, 0.4f],

            // One batch per epoch: each epoch's end is the state after one optimizer step.
            EpochCompleted = _ => largestNorms.Add(Math.Max(
                network.Linears[0].weight!.norm(1).max().ToSingle() / 0.5f,
                network.Linears[1].weight!.norm(1).max().ToSingle() / 0.4f)),
        };

        new TrainingLoop(network, Dropout.MLNet.Tasks.DropoutMlpTask.Multiclass.Objective, options, generator)
            .Run(new Dropout.MLNet.Data.TrainingRows(features, labels, null, 10), null, CancellationToken.None);

        Assert.HasCount(25, largestNorms);
        Assert.IsTrue(largestNorms.All(n => n <= 1f + 1e-5f), $"largest row norm over its limit, per step: {string.Join(", ", largestNorms)}");
        Assert.IsTrue(largestNorms.Any(n => n > 0.99f), "the constraint was reached");
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
