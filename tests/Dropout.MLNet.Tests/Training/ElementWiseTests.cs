using Dropout.MLNet.Training;

namespace Dropout.MLNet.Tests.Training;

/// <summary>The step's element-wise sums and products cover every element, whatever is left after the wide registers.</summary>
[TestClass]
public sealed class ElementWiseTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(5)]
    [DataRow(16)]
    [DataRow(29)]
    [DataRow(128)]
    public void AddAndMultiply_MatchTheScalarOperations_AtEveryLength(int length)
    {
        var random = new Random(length);
        var x = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
        var sum = new float[length + 1];
        var product = new float[length + 1];
        sum[length] = product[length] = -1f;

        ElementWise.Add(x, y, sum);
        ElementWise.Multiply(x, y, product);

        CollectionAssert.AreEqual(x.Zip(y, (a, b) => a + b).Append(-1f).ToArray(), sum);
        CollectionAssert.AreEqual(x.Zip(y, (a, b) => a * b).Append(-1f).ToArray(), product);
    }

    [TestMethod]
    public void Add_RefusesOperandsOfDifferentLengths()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ElementWise.Add(new float[4], new float[3], new float[4]));
        Assert.ThrowsExactly<ArgumentException>(() => ElementWise.Multiply(new float[4], new float[4], new float[3]));
    }
}
