using Dropout.MLNet.Network;

namespace Dropout.MLNet.Tests.Network;

/// <summary>libtorch's sgemm, called on row-major managed memory, computes op(A)·op(B) as written.</summary>
[TestClass]
public sealed class BlasTests
{
    [TestMethod]
    [DataRow(false, false)]
    [DataRow(false, true)]
    [DataRow(true, false)]
    [DataRow(true, true)]
    public void Multiply_MatchesTheProductOfRowMajorMatrices(bool transposeA, bool transposeB)
    {
        Assert.IsTrue(Blas.IsAvailable, "this machine's libtorch exports sgemm_");
        const int m = 5, n = 3, k = 4;
        var random = new Random(2);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)random.NextDouble()).ToArray();
        var c = Enumerable.Repeat(1f, m * n).ToArray();

        // op(A) is m × k: stored k × m when transposed; op(B) is k × n: stored n × k when transposed. C = 2·op(A)·op(B) + 0.5·C.
        Blas.Multiply(transposeA, transposeB, m, n, k, 2f, a, transposeA ? m : k, b, transposeB ? k : n, 0.5f, c, n);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float expected = 0.5f;
                for (int p = 0; p < k; p++)
                {
                    expected += 2f * (transposeA ? a[(p * m) + i] : a[(i * k) + p]) * (transposeB ? b[(j * k) + p] : b[(p * n) + j]);
                }

                Assert.AreEqual(expected, c[(i * n) + j], 1e-5, $"C[{i}, {j}]");
            }
        }
    }

    [TestMethod]
    public void Multiply_RefusesAMatrixLargerThanItsMemory()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Blas.Multiply(false, false, 4, 4, 4, 1f, new float[16], 4, new float[15], 4, 0f, new float[16], 4));
        Assert.AreEqual("b", error.ParamName);
    }
}
