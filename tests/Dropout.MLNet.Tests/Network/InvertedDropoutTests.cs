using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests.Network;

[TestClass]
public sealed class InvertedDropoutTests
{
    [TestMethod]
    [DataRow(0.2)]
    [DataRow(0.5)]
    [DataRow(0.8)]
    public void TrainingMode_DropsShareP_ScalesSurvivorsExactly_KeepsMeanNearOne(double rate)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        using var dropout = new InvertedDropout(rate, generator);
        dropout.train();
        var output = dropout.forward(ones(1000, 1000)).data<float>().ToArray();

        double zeros = output.Count(v => v == 0f) / (double)output.Length;
        float scale = (float)(1.0 / (1.0 - rate));
        Assert.AreEqual(rate, zeros, 0.005, "share of zeros");
        Assert.IsTrue(output.All(v => v == 0f || v == scale), "every survivor is exactly 1/(1-p)");
        Assert.AreEqual(1.0, output.Average(v => (double)v), 0.01, "mean");
    }

    [TestMethod]
    public void EvalMode_IsTheIdentity()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        using var dropout = new InvertedDropout(0.5, generator);
        dropout.eval();
        var input = randn(100, 50);
        Assert.IsTrue(dropout.forward(input).eq(input).all().ToBoolean());
    }

    [TestMethod]
    public void TrainingMode_DrawsAFreshMaskEveryPass_AndRepeatsUnderTheSameSeed()
    {
        using var scope = NewDisposeScope();
        float[] Passes(ulong seed)
        {
            using var generator = new Generator(seed);
            using var dropout = new InvertedDropout(0.5, generator);
            dropout.train();
            return [.. dropout.forward(ones(64)).data<float>().ToArray(), .. dropout.forward(ones(64)).data<float>().ToArray()];
        }

        var first = Passes(3);
        CollectionAssert.AreNotEqual(first[..64], first[64..], "two passes share a mask");
        CollectionAssert.AreEqual(first, Passes(3), "same seed, different masks");
    }
}
