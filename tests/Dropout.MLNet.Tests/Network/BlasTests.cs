using Dropout.MLNet.Network;

namespace Dropout.MLNet.Tests.Network;

/// <summary>
/// The training step's matrix products, called on row-major managed memory, compute op(A)·op(B) as written: through
/// <see cref="Blas"/>, and through each of its two implementations (the managed AVX-512 kernel and libtorch's MKL) on
/// shapes that end inside a block, a panel and an 8 × 8 turn, with rows longer than the matrices; narrow products
/// (128 × 7, 40 × 1, 128 × 9, 200 × 31) go through <see cref="Blas"/>'s transposed route.
/// </summary>
[TestClass]
public sealed unsafe class BlasTests
{
    public static IEnumerable<object[]> Shapes() =>
        from shape in new (int M, int N, int K)[] { (5, 3, 4), (13, 33, 9), (128, 7, 64), (25, 70, 17), (12, 32, 8), (40, 1, 130), (128, 9, 128), (200, 31, 20) }
        from transposeA in new[] { false, true }
        from transposeB in new[] { false, true }
        select new object[] { shape.M, shape.N, shape.K, transposeA, transposeB };

    [TestMethod]
    [DynamicData(nameof(Shapes))]
    public void Multiply_MatchesTheProductOfRowMajorMatrices(int m, int n, int k, bool transposeA, bool transposeB)
    {
        Assert.IsTrue(Blas.IsAvailable, "this machine has AVX-512 or a libtorch exporting sgemm_");
        var product = new Operands(m, n, k, transposeA, transposeB);
        Blas.Multiply(transposeA, transposeB, m, n, k, product.A, product.Lda, product.B, product.Ldb, product.C, product.Ldc);
        product.AssertProduct();
    }

    [TestMethod]
    [DynamicData(nameof(Shapes))]
    public void BothImplementations_ComputeTheProduct(int m, int n, int k, bool transposeA, bool transposeB)
    {
        Assert.IsTrue(Avx512Gemm.IsSupported, "this machine runs AVX-512");
        Assert.IsTrue(MklGemm.IsAvailable, "this machine's libtorch exports sgemm_");
        foreach (var multiply in new Action<MatrixProduct>[] { p => Avx512Gemm.Multiply(p, team: null), p => MklGemm.Multiply(p.TransposeA, p.TransposeB, p.M, p.N, p.K, p.A, p.Lda, p.B, p.Ldb, p.C, p.Ldc) })
        {
            var product = new Operands(m, n, k, transposeA, transposeB);
            product.Run(multiply);
            product.AssertProduct();
        }
    }

    [TestMethod]
    public void TheManagedProduct_IsTheSameToTheBit_OnOneThreadOrTwo()
    {
        Assert.IsTrue(Avx512Gemm.IsSupported, "this machine runs AVX-512");
        var once = new Operands(200, 300, 150, transposeA: true, transposeB: false);
        var twice = new Operands(200, 300, 150, transposeA: true, transposeB: false);
        using var team = new ThreadTeam(2);
        once.Run(p => Avx512Gemm.Multiply(p, team: null));
        twice.Run(p => Avx512Gemm.Multiply(p, team));
        CollectionAssert.AreEqual(once.C, twice.C);
        once.AssertProduct();
    }

    [TestMethod]
    public void TheManagedProduct_TakesTheShapesWhosePanelsFitInAnArray()
    {
        Assert.IsTrue(Avx512Gemm.Fits(128, 512, 784));
        Assert.IsTrue(Avx512Gemm.Fits(512, 100_000, 128), "a first layer of 100,000 inputs");
        Assert.IsFalse(Avx512Gemm.Fits(128, 512, 5_000_000), "a first layer of 5 million inputs and 512 units is left to MKL");
    }

    [TestMethod]
    public void Multiply_RefusesAMatrixLargerThanItsMemory()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Blas.Multiply(false, false, 4, 4, 4, new float[16], 4, new float[15], 4, new float[16], 4));
        Assert.AreEqual("b", error.ParamName);
    }

    /// <summary>Random operands with rows three floats longer than the matrices, and C filled with a value it must not keep.</summary>
    private sealed class Operands
    {
        private readonly int _m;
        private readonly int _n;
        private readonly int _k;
        private readonly bool _transposeA;
        private readonly bool _transposeB;

        public Operands(int m, int n, int k, bool transposeA, bool transposeB)
        {
            (_m, _n, _k, _transposeA, _transposeB) = (m, n, k, transposeA, transposeB);
            var random = new Random(m + n + k);
            Lda = (transposeA ? m : k) + 3;
            Ldb = (transposeB ? k : n) + 3;
            Ldc = n + 3;
            A = Enumerable.Range(0, (transposeA ? k : m) * Lda).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            B = Enumerable.Range(0, (transposeB ? n : k) * Ldb).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            C = Enumerable.Repeat(float.NaN, m * Ldc).ToArray();
        }

        public float[] A { get; }

        public float[] B { get; }

        public float[] C { get; }

        public int Lda { get; }

        public int Ldb { get; }

        public int Ldc { get; }

        public void Run(Action<MatrixProduct> multiply)
        {
            fixed (float* a = A)
            fixed (float* b = B)
            fixed (float* c = C)
            {
                multiply(new MatrixProduct(_transposeA, _transposeB, _m, _n, _k, a, Lda, b, Ldb, c, Ldc));
            }
        }

        public void AssertProduct()
        {
            for (int i = 0; i < _m; i++)
            {
                for (int j = 0; j < _n; j++)
                {
                    double expected = 0;
                    for (int p = 0; p < _k; p++)
                    {
                        expected += (double)(_transposeA ? A[(p * Lda) + i] : A[(i * Lda) + p]) * (_transposeB ? B[(j * Ldb) + p] : B[(p * Ldb) + j]);
                    }

                    Assert.AreEqual(expected, C[(i * Ldc) + j], 1e-4, $"C[{i}, {j}]");
                }

                for (int j = _n; j < Ldc; j++)
                {
                    Assert.IsTrue(float.IsNaN(C[(i * Ldc) + j]), $"C[{i}, {j}] lies past the matrix and must not be written");
                }
            }
        }
    }
}
