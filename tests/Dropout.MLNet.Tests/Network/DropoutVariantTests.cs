using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests.Network;

/// <summary>The defining moments of each dropout variant on large tensors, and the identity in evaluation mode.</summary>
[TestClass]
public sealed class DropoutVariantTests
{
    [TestMethod]
    [DataRow(0.2)]
    [DataRow(0.5)]
    public void Gaussian_MultipliesByNoiseOfMeanOneAndVariancePOverOneMinusP(double rate)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        using var dropout = new GaussianDropout(rate, generator);
        dropout.train();
        var multipliers = dropout.forward(ones(1000, 1000)).data<float>().ToArray();

        double mean = multipliers.Average(v => (double)v);
        double variance = multipliers.Average(v => (v - mean) * (v - mean));
        Assert.AreEqual(1.0, mean, 0.005, "mean");
        Assert.AreEqual(rate / (1 - rate), variance, 0.01 * rate / (1 - rate) + 0.002, "variance");
    }

    [TestMethod]
    [DataRow(0.1)]
    [DataRow(0.3)]
    public void Alpha_KeepsTheMeanAndVarianceOfSeluActivations_AndDropsShareP(double rate)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(12);
        using var dropout = new AlphaDropout(rate, generator);
        dropout.train();
        var input = nn.functional.selu(randn([1000, 1000], generator: generator));
        var output = dropout.forward(input).data<float>().ToArray();
        var inputs = input.data<float>().ToArray();

        double inMean = inputs.Average(v => (double)v);
        double inVariance = inputs.Average(v => (v - inMean) * (v - inMean));
        double mean = output.Average(v => (double)v);
        double variance = output.Average(v => (v - mean) * (v - mean));
        Assert.AreEqual(inMean, mean, 0.01, "mean kept");
        Assert.AreEqual(inVariance, variance, 0.02, "variance kept");

        double a = Math.Pow((1 - rate) * (1 + (rate * AlphaDropout.SaturationValue * AlphaDropout.SaturationValue)), -0.5);
        float droppedValue = (float)((a * AlphaDropout.SaturationValue) - (a * rate * AlphaDropout.SaturationValue));
        double dropped = output.Count(v => Math.Abs(v - droppedValue) < 1e-5) / (double)output.Length;
        Assert.AreEqual(rate, dropped, 0.005, "share of elements set to the dropped value");
    }

    [TestMethod]
    [DataRow(0.2)]
    [DataRow(0.5)]
    public void DropConnect_DropsShareOfWeights_ScalesTheRest(double rate)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(13);
        var linear = nn.Linear(1000, 1000, hasBias: false);
        using (no_grad())
        {
            linear.weight!.fill_(1.0);
        }

        using var layer = new DropConnectLinear(linear, rate, generator);
        layer.train();

        // With an identity batch, the output is the (masked, scaled) weight matrix itself.
        var effective = layer.forward(eye(1000)).data<float>().ToArray();
        double zeros = effective.Count(v => v == 0f) / (double)effective.Length;
        float scale = (float)(1 / (1 - rate));
        Assert.AreEqual(rate, zeros, 0.005, "share of dropped weights");
        Assert.IsTrue(effective.All(v => v == 0f || Math.Abs(v - scale) < 1e-6), "kept weights are exactly 1/(1-p)");
        Assert.AreEqual(1.0, effective.Average(v => (double)v), 0.01, "mean weight kept");
    }

    [TestMethod]
    public void EveryVariant_IsTheIdentityInEvaluationMode()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(14);
        var input = randn(200, 50);
        foreach (var module in new nn.Module<Tensor, Tensor>[] { new GaussianDropout(0.5, generator), new AlphaDropout(0.5, generator) })
        {
            module.eval();
            Assert.IsTrue(module.forward(input).eq(input).all().ToBoolean(), module.GetName());
        }

        var linear = nn.Linear(50, 20);
        using var dropConnect = new DropConnectLinear(linear, 0.5, generator);
        dropConnect.eval();
        Assert.IsTrue(dropConnect.forward(input).eq(linear.forward(input)).all().ToBoolean(), "DropConnect uses the plain weights");
    }
}
