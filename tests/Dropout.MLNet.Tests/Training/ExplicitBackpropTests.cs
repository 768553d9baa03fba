using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Tasks.Binary;
using Dropout.MLNet.Tasks.Multiclass;
using Dropout.MLNet.Tasks.Regression;
using Dropout.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests.Training;

/// <summary>The hand-written backward pass gives the loss and gradients autograd gives, under the same dropout masks.</summary>
[TestClass]
public sealed class ExplicitBackpropTests
{
    private const int Features = 6;
    private const int BatchSize = 32;

    [TestMethod]
    [DataRow("multiclass", DropoutMlpActivation.Relu, false)]
    [DataRow("multiclass", DropoutMlpActivation.Tanh, true)]
    [DataRow("binary", DropoutMlpActivation.Selu, true)]
    [DataRow("binary", DropoutMlpActivation.Relu, false)]
    [DataRow("squared", DropoutMlpActivation.Relu, true)]
    [DataRow("huber", DropoutMlpActivation.Tanh, false)]
    public void Gradients_MatchAutograd(string objectiveName, DropoutMlpActivation activation, bool weighted)
    {
        var (_, outputs, _) = Objective(objectiveName);
        // 6 inputs to 32 units: the first layer's weight gradient is computed transposed, the others directly.
        AssertGradientsMatchAutograd(new NetworkSpec(Features, [32, 8], outputs, activation, [0.3f, 0.2f], 0.25f), objectiveName, weighted);
    }

    [TestMethod]
    [DataRow("multiclass", false)]
    [DataRow("binary", true)]
    [DataRow("huber", false)]
    public void Gradients_WithPeriodicEmbeddings_MatchAutograd(string objectiveName, bool weighted)
    {
        var (_, outputs, _) = Objective(objectiveName);
        // A wide frequency scale: arguments of many turns, where a wrong sign or factor of 2π shows.
        AssertGradientsMatchAutograd(new NetworkSpec(Features, [16, 8], outputs, DropoutMlpActivation.Relu, [0.2f, 0.1f], 0.25f, PeriodicEmbeddingScale: 1f, EmbeddedFeatures: [0, 2, 3, 5]), objectiveName, weighted);
    }

    [TestMethod]
    [DataRow("multiclass", false, true)]
    [DataRow("squared", true, false)]
    public void Gradients_WithAScalingLayer_MatchAutograd(string objectiveName, bool weighted, bool embedded)
    {
        var (_, outputs, _) = Objective(objectiveName);
        AssertGradientsMatchAutograd(new NetworkSpec(Features, [16, 8], outputs, DropoutMlpActivation.Relu, [0.2f, 0.1f], 0.25f,
            PeriodicEmbeddingScale: embedded ? 1f : null, EmbeddedFeatures: [1, 2, 5], ScaleInputs: true), objectiveName, weighted, spreadScales: true);
    }

    [TestMethod]
    [DataRow("multiclass", false, false, false)]
    [DataRow("binary", true, true, false)]
    [DataRow("huber", false, false, true)]
    [DataRow("multiclass", true, true, true)]
    public void Gradients_WithCategoryEmbeddings_MatchAutograd(string objectiveName, bool weighted, bool periodic, bool scaled)
    {
        var (_, outputs, _) = Objective(objectiveName);
        // Slots 1-3 one category (one-hot, or all zero: a value unseen in training), 4-5 another (any values: the map is linear).
        AssertGradientsMatchAutograd(new NetworkSpec(Features, [16, 8], outputs, DropoutMlpActivation.Relu, [0.2f, 0.1f], 0.25f,
            PeriodicEmbeddingScale: periodic ? 1f : null, EmbeddedFeatures: [0], ScaleInputs: scaled,
            EmbeddedCategories: [new CategorySlots(1, 3), new CategorySlots(4, 2)], CategoryEmbeddingSize: 2), objectiveName, weighted, spreadScales: scaled, oneHotSlots: (1, 3));
    }

    [TestMethod]
    [DataRow("multiclass", false, false)]
    [DataRow("binary", true, false)]
    [DataRow("squared", false, true)]
    [DataRow("huber", true, true)]
    public void Gradients_OfAnEnsemble_MatchAutograd(string objectiveName, bool weighted, bool withParts)
    {
        var (objective, outputs, _) = Objective(objectiveName);
        // With parts before the members (periodic embedding, categories, scaling layer), their gradients pass through every member.
        AssertGradientsMatchAutograd(new NetworkSpec(Features, [16, 8], outputs, DropoutMlpActivation.Relu, [0.2f, 0.1f], 0.25f,
            PeriodicEmbeddingScale: withParts ? 1f : null, EmbeddedFeatures: [0], ScaleInputs: withParts,
            EmbeddedCategories: withParts ? [new CategorySlots(1, 3)] : null, CategoryEmbeddingSize: withParts ? 2 : 0,
            EnsembleSize: 3, Output: objective.Output), objectiveName, weighted, spreadScales: withParts, oneHotSlots: (1, 3));
    }

    private static void AssertGradientsMatchAutograd(NetworkSpec spec, string objectiveName, bool weighted, bool spreadScales = false, (int Start, int Levels)? oneHotSlots = null)
    {
        var (objective, _, smoothing) = Objective(objectiveName);
        var rows = Rows(objectiveName, weighted, rows: 60);
        if (oneHotSlots is var (start, levels))
        {
            var random = new Random(3);
            for (int row = 0; row < rows.Count; row++)
            {
                var slots = rows.Features.Slice((row * Features) + start, levels);
                slots.Clear();
                int level = random.Next(levels + 1);
                if (level < levels)
                {
                    slots[level] = 1f;
                }
            }
        }

        var data = new BatchSource(rows, objective);
        using var explicitGenerator = new Generator(5);
        using var autogradGenerator = new Generator(5);
        using var explicitNetwork = new MlpNetwork(spec, explicitGenerator);
        using var autogradNetwork = new MlpNetwork(spec, autogradGenerator);
        using var explicitOptimizer = new AdamOptimizer([.. explicitNetwork.parameters()], 0.01, 0);
        using var autogradOptimizer = new AdamOptimizer([.. autogradNetwork.parameters()], 0.01, 0);
        using var backprop = ExplicitBackprop.TryCreate(explicitNetwork, objective, BatchSize);
        Assert.IsNotNull(backprop, "this network has a hand-written backward pass");
        autogradNetwork.train();
        if (spreadScales)
        {
            // Scales other than their starting 1, so that a missing factor of s shows.
            using var noGrad = no_grad();
            using var scales = linspace(0.5, 1.5, spec.FirstLayerInputs);
            explicitNetwork.Scaling!.Scale.copy_(scales);
            autogradNetwork.Scaling!.Scale.copy_(scales);
        }

        // A full batch, then a shorter one (the end of an epoch), each against autograd with the next masks.
        long[] order = [.. Enumerable.Range(0, 60).Select(i => (long)((i * 37) % 60))];
        foreach (var positions in new[] { order[..BatchSize], order[BatchSize..52] })
        {
            using var scope = NewDisposeScope();
            float explicitLoss = backprop.ComputeGradients(data, positions, smoothing);
            autogradOptimizer.ZeroGrad();
            var (features, labels, weights) = data.Gather(positions);
            if (spec.IsEnsemble)
            {
                labels = labels.repeat(spec.EnsembleSize);
                weights = weights?.repeat(spec.EnsembleSize);
            }

            var loss = objective.Loss(autogradNetwork.forward(features), labels, weights, smoothing);
            loss.backward();

            Assert.AreEqual(loss.ToSingle(), explicitLoss, 1e-5 * Math.Max(1, Math.Abs(explicitLoss)), $"loss of a batch of {positions.Length}");
            for (int layer = 0; layer < spec.HiddenLayerSizes.Count + 1; layer++)
            {
                var mine = explicitNetwork.Linears[layer];
                var reference = autogradNetwork.Linears[layer];
                Assert.IsTrue(mine.weight!.grad!.allclose(reference.weight!.grad!, rtol: 1e-4, atol: 1e-6), $"weight gradient of layer {layer}, batch of {positions.Length}");
                Assert.IsTrue(mine.bias!.grad!.allclose(reference.bias!.grad!, rtol: 1e-4, atol: 1e-6), $"bias gradient of layer {layer}, batch of {positions.Length}");
            }

            if (explicitNetwork.Embedding is { } embedding && autogradNetwork.Embedding is { } referenceEmbedding)
            {
                foreach (var (name, parameter, expected) in new[] { ("frequency", embedding.Frequency, referenceEmbedding.Frequency), ("phase", embedding.Phase, referenceEmbedding.Phase), ("weight", embedding.Weight, referenceEmbedding.Weight), ("bias", embedding.Bias, referenceEmbedding.Bias) })
                {
                    Assert.IsTrue(expected.grad!.abs().sum().ToSingle() > 0, $"the embedding's {name} gradient is not zero");
                    Assert.IsTrue(parameter.grad!.allclose(expected.grad!, rtol: 1e-3, atol: 1e-5), $"embedding {name} gradient, batch of {positions.Length}: largest difference {parameter.grad!.sub(expected.grad!).abs().max().ToSingle()}");
                }
            }

            if (explicitNetwork.Categories is { } categories)
            {
                var expected = autogradNetwork.Categories!.Table.grad!;
                Assert.IsTrue(expected.abs().sum().ToSingle() > 0, "the table's gradient is not zero");
                Assert.IsTrue(categories.Table.grad!.allclose(expected, rtol: 1e-4, atol: 1e-6), $"table gradient, batch of {positions.Length}: largest difference {categories.Table.grad!.sub(expected).abs().max().ToSingle()}");
            }

            if (explicitNetwork.Ensemble is { } ensemble)
            {
                var expected = autogradNetwork.Ensemble!.Scales.grad!;
                Assert.IsTrue(ensemble.Scales.grad!.allclose(expected, rtol: 1e-4, atol: 1e-6), $"members' scales gradient, batch of {positions.Length}: largest difference {ensemble.Scales.grad!.sub(expected).abs().max().ToSingle()}");
            }

            if (explicitNetwork.Scaling is { } scaling)
            {
                var expected = autogradNetwork.Scaling!.Scale.grad!;
                Assert.IsTrue(scaling.Scale.grad!.allclose(expected, rtol: 1e-4, atol: 1e-5), $"scale gradient, batch of {positions.Length}: largest difference {scaling.Scale.grad!.sub(expected).abs().max().ToSingle()}");
            }

            Assert.IsTrue(autogradNetwork.Linears[0].weight!.grad!.abs().sum().ToSingle() > 0, "the gradients are not all zero");
        }
    }

    [TestMethod]
    [DataRow("multiclass", true, false)]
    [DataRow("binary", false, false)]
    [DataRow("huber", true, false)]
    [DataRow("multiclass", false, true)]
    [DataRow("squared", true, true)]
    [DataRow("multiclass", false, false, 4)]
    [DataRow("binary", true, false, 3)]
    [DataRow("huber", false, true, 2)]
    public void Evaluate_MatchesTheNetworkInEvaluationMode(string objectiveName, bool weighted, bool embedded, int members = 1)
    {
        var (objective, outputs, _) = Objective(objectiveName);
        var spec = new NetworkSpec(Features, [16, 8], outputs, DropoutMlpActivation.Relu, [0.5f, 0.5f], 0.25f, PeriodicEmbeddingScale: embedded ? 0.5f : null, EmbeddedFeatures: [4, 1],
            EnsembleSize: members, Output: objective.Output);
        var data = new BatchSource(Rows(objectiveName, weighted, rows: 70), objective);
        using var generator = new Generator(5);
        using var network = new MlpNetwork(spec, generator);
        using var optimizer = new AdamOptimizer([.. network.parameters()], 0.01, 0);
        using var backprop = ExplicitBackprop.TryCreate(network, objective, BatchSize)!;

        var (loss, accuracy) = backprop.Evaluate(data);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var (features, labels, weights) = data.Slice(0, data.Count);
        var logits = network.forward(features);
        Assert.AreEqual(objective.Loss(logits, labels, weights).ToSingle(), loss!.Value, 1e-5, "loss over 70 rows in batches of 32, without dropout");
        if (objective.Classes is { } classes)
        {
            Assert.AreEqual(classes.CountCorrect(logits, labels).ToInt64() / 70f, accuracy!.Value, 1e-6, "accuracy");
        }
        else
        {
            Assert.IsNull(accuracy, "a value has no accuracy");
        }
    }

    [TestMethod]
    [DataRow(DropoutKind.DropConnect, DropoutMlpActivation.Relu)]
    [DataRow(DropoutKind.Gaussian, DropoutMlpActivation.Relu)]
    [DataRow(DropoutKind.Alpha, DropoutMlpActivation.Selu)]
    [DataRow(DropoutKind.Standard, DropoutMlpActivation.Gelu)]
    public void TryCreate_LeavesOtherNetworksToAutograd(DropoutKind kind, DropoutMlpActivation activation)
    {
        var spec = new NetworkSpec(Features, [8], 3, activation, [0.3f], 0f, kind);
        using var generator = new Generator(1);
        using var network = new MlpNetwork(spec, generator);
        using var optimizer = new AdamOptimizer([.. network.parameters()], 0.01, 0);

        Assert.IsNull(ExplicitBackprop.TryCreate(network, new MulticlassObjective(), BatchSize));
    }

    [TestMethod]
    public void TryCreate_TakesStandardKindsWithoutDropout()
    {
        var spec = new NetworkSpec(Features, [8], 3, DropoutMlpActivation.Relu, [0f], 0f, DropoutKind.DropConnect);
        using var generator = new Generator(1);
        using var network = new MlpNetwork(spec, generator);
        using var optimizer = new AdamOptimizer([.. network.parameters()], 0.01, 0);

        using var backprop = ExplicitBackprop.TryCreate(network, new MulticlassObjective(), BatchSize);
        Assert.IsNotNull(backprop, "DropConnect at rate 0 is a plain network");
    }

    private static (TaskObjective Objective, int Outputs, double Smoothing) Objective(string name) => name switch
    {
        "multiclass" => (new MulticlassObjective(), 4, 0.1),
        "binary" => (new BinaryObjective(), 1, 0.1),
        "squared" => (new RegressionObjective(RegressionLoss.SquaredError, 1.0), 1, 0),
        _ => (new RegressionObjective(RegressionLoss.Huber, 0.5), 1, 0),
    };

    private static TrainingRows Rows(string objective, bool weighted, int rows)
    {
        var random = new Random(11);
        var features = new float[rows * Features];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)((random.NextDouble() * 4) - 2);
        }

        // Labels: classes, 0/1, or values spread wide enough that Huber's linear part is reached.
        var labels = Enumerable.Range(0, rows).Select(_ => objective switch
        {
            "multiclass" => random.Next(4),
            "binary" => random.Next(2),
            _ => (float)((random.NextDouble() * 6) - 3),
        }).ToArray();
        var weights = weighted ? Enumerable.Range(0, rows).Select(_ => (float)(0.2 + (random.NextDouble() * 2))).ToArray() : null;
        return new TrainingRows(features, labels, weights, Features);
    }
}
