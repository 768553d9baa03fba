using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Training;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests.Training;

[TestClass]
public sealed class TemperatureScalingTests
{
    /// <summary>
    /// Labels drawn from softmax(Wx) and a linear network whose logits are 5·Wx: the fitted temperature is about 5, and
    /// folding it into the output layer gives back Wx.
    /// </summary>
    [TestMethod]
    public void OverconfidentLogits_GiveTheirTemperature_AndAreFoldedIntoTheOutputLayer()
    {
        const int rows = 4000, features = 3, classes = 4;
        var random = new Random(1);
        var w = Enumerable.Range(0, classes * features).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var x = Enumerable.Range(0, rows * features).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        var labels = Enumerable.Range(0, rows).Select(r => (float)Sample(random, Logits(w, x.AsSpan(r * features, features), classes))).ToArray();
        using var network = new MlpNetwork(new NetworkSpec(features, [], classes, DropoutMlpActivation.Relu, [], 0f), new Generator(1));
        NetworkWeights.Restore(network, [new LayerWeights(features, classes, w.Select(v => v * 5f).ToArray(), new float[classes])]);

        float temperature = TemperatureScaling.Fit(network, DropoutMlpTask.Multiclass.Objective, new BatchSource(new TrainingRows(x, labels, null, features), DropoutMlpTask.Multiclass.Objective));
        TemperatureScaling.Apply(network, temperature);

        Assert.AreEqual(5.0, temperature, 0.5);
        var folded = NetworkWeights.Capture(network)[0].Weight;
        Assert.AreEqual(w[0] * 5 / temperature, folded[0], 1e-5);
    }

    [TestMethod]
    public void AFewValidationRows_BarelyMoveTheTemperature()
    {
        var x = new float[] { 1f, -1f };
        using var network = new MlpNetwork(new NetworkSpec(1, [], 2, DropoutMlpActivation.Relu, [], 0f), new Generator(1));
        NetworkWeights.Restore(network, [new LayerWeights(1, 2, [4f, -4f], [0f, 0f])]);

        float temperature = TemperatureScaling.Fit(network, DropoutMlpTask.Multiclass.Objective, new BatchSource(new TrainingRows(x, [1, 0], null, 1), DropoutMlpTask.Multiclass.Objective));

        Assert.IsLessThan(2f, temperature, "two confidently wrong rows against a prior worth ten rows");
        Assert.IsGreaterThan(1f, temperature, "they still soften it");
    }

    private static float[] Logits(float[] w, ReadOnlySpan<float> x, int classes)
    {
        var logits = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                logits[c] += w[(c * x.Length) + j] * x[j];
            }
        }

        return logits;
    }

    private static int Sample(Random random, float[] logits)
    {
        var weights = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        double u = random.NextDouble() * weights.Sum();
        for (int c = 0; c < weights.Length; c++)
        {
            u -= weights[c];
            if (u <= 0)
            {
                return c;
            }
        }

        return weights.Length - 1;
    }
}
