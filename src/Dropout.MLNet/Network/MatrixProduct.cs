namespace Dropout.MLNet.Network;

/// <summary>
/// One product C = op(A)·op(B) on pinned row-major memory: C is <see cref="M"/> × <see cref="N"/>, op(A) is
/// <see cref="M"/> × <see cref="K"/> (stored transposed when <see cref="TransposeA"/>), op(B) is <see cref="K"/> ×
/// <see cref="N"/> (stored transposed when <see cref="TransposeB"/>); the leading dimensions are row lengths as stored.
/// </summary>
internal readonly unsafe struct MatrixProduct(
    bool transposeA, bool transposeB, int m, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc)
{
    public bool TransposeA { get; } = transposeA;

    public bool TransposeB { get; } = transposeB;

    public int M { get; } = m;

    public int N { get; } = n;

    public int K { get; } = k;

    public float* A { get; } = a;

    public int Lda { get; } = lda;

    public float* B { get; } = b;

    public int Ldb { get; } = ldb;

    public float* C { get; } = c;

    public int Ldc { get; } = ldc;

    /// <summary>The multiply-adds of the product, twice (its floating-point operations).</summary>
    public double Flops => 2.0 * M * N * K;
}
