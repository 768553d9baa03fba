using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Tests;

[TestClass]
public sealed class TorchSharpLoadTests
{
    [TestMethod]
    public void ForwardAndBackward_RunInNativeLibTorch()
    {
        using var scope = NewDisposeScope();
        var weight = tensor(new float[] { 1f, 2f, 3f }).requires_grad_();
        var input = tensor(new float[] { 4f, 5f, 6f });
        var loss = (weight * input).sum();
        loss.backward();

        Assert.AreEqual(32f, loss.ToSingle());
        CollectionAssert.AreEqual(new float[] { 4f, 5f, 6f }, weight.grad!.data<float>().ToArray());
    }
}
