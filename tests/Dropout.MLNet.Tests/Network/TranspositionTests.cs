using Dropout.MLNet.Network;

namespace Dropout.MLNet.Tests.Network;

/// <summary>The blocked transposition turns every element, on shapes that end inside an 8 × 8 and a 4 × 4 block, and writes nothing past the target's rows.</summary>
[TestClass]
public sealed unsafe class TranspositionTests
{
    [TestMethod]
    [DataRow(8, 8)]
    [DataRow(13, 11)]
    [DataRow(20, 3)]
    [DataRow(3, 20)]
    [DataRow(1, 1)]
    [DataRow(31, 128)]
    public void Transpose_TurnsEveryElement_AndLeavesTheTargetsPadding(int rows, int columns)
    {
        int stride = columns + 5;
        int targetStride = rows + 3;
        var source = Enumerable.Range(0, rows * stride).Select(i => (float)i).ToArray();
        var target = Enumerable.Repeat(float.NaN, columns * targetStride).ToArray();
        fixed (float* s = source)
        fixed (float* t = target)
        {
            Transposition.Transpose(s, stride, rows, columns, t, targetStride);
        }

        for (int c = 0; c < columns; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                Assert.AreEqual(source[(r * stride) + c], target[(c * targetStride) + r], $"target[{c}, {r}]");
            }

            for (int r = rows; r < targetStride; r++)
            {
                Assert.IsTrue(float.IsNaN(target[(c * targetStride) + r]), $"target[{c}, {r}] lies past the matrix");
            }
        }
    }
}
