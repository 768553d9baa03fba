using System.Buffers;
using System.Runtime.CompilerServices;

namespace Dropout.MLNet.Network;

/// <summary>
/// The single-precision matrix products of the hand-written training step, on managed memory. A tabular network's
/// products are small (128 × 9 × 128), and through tensors each costs a handle, a dispatcher pass and an output
/// allocation, several times the product itself; here a call is the product alone. On processors with AVX-512 the
/// product is <see cref="Avx512Gemm"/>'s, on the fit's <see cref="ThreadTeam"/>; elsewhere it is MKL's
/// (<see cref="MklGemm"/>, linked into libtorch), on libtorch's thread count (<c>torch.set_num_threads</c>).
/// </summary>
/// <remarks>
/// MKL picks its kernels by processor vendor: on AMD processors with AVX-512 it runs its AVX2 code, at half of what the
/// processor can multiply (Zen 5 here: MKL 94 GFLOP/s on one core, 227 GFLOP/s of AVX-512 FMA peak), and the managed
/// kernel doubles the speed of every product of a training step. Its results do not depend on the operands' alignment
/// or the number of threads (each output is one fixed-order sum), so a seed trains the same network on any thread count.
/// A narrow C (a layer of 9 inputs' weight gradient, 128 × 9; a head of 7 classes, 128 × 7) leaves most of either
/// implementation's blocks empty, so it is computed transposed and turned: 9 inputs to 128 units on one core, MKL 22 µs
/// against 5, the AVX-512 kernel 11.7 against 3.4.
/// </remarks>
internal static unsafe class Blas
{
    /// <summary>C narrower than this many columns, and at most a quarter as wide as it is tall, is computed as Cᵀ.</summary>
    private const int NarrowColumns = 32;

    /// <summary>Whether this process can multiply (AVX-512, or a libtorch exporting MKL's <c>sgemm_</c>).</summary>
    public static bool IsAvailable => Avx512Gemm.IsSupported || MklGemm.IsAvailable;

    /// <summary>
    /// C = op(A)·op(B) for row-major matrices, C being m × n and op(A) m × k (op transposes when asked); the leading
    /// dimensions are the row lengths as stored. C is written without being read. <paramref name="team"/> shares large
    /// products (none: one thread).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, ThreadTeam? team = null)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("No matrix product on this machine (no AVX-512, and the loaded libtorch exports no sgemm_); check Blas.IsAvailable before multiplying.");
        }

        // The products read and write raw memory: the spans must hold the matrices their shapes and row lengths describe.
        RequireHolds(a, transposeA ? k : m, transposeA ? m : k, lda, nameof(a));
        RequireHolds(b, transposeB ? n : k, transposeB ? k : n, ldb, nameof(b));
        RequireHolds(c, m, n, ldc, nameof(c));
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (n >= NarrowColumns || n * 4 > m)
            {
                Product(transposeA, transposeB, m, n, k, pa, lda, pb, ldb, pc, ldc, team);
                return;
            }

            // Cᵀ = op(B)ᵀ·op(A)ᵀ, written on a cache line (MKL's sums depend on alignment), then turned into C.
            var pool = team?.Buffers ?? ArrayPool<float>.Shared;
            var buffer = pool.Rent((m * n) + 16);
            try
            {
                fixed (float* start = buffer)
                {
                    float* transposed = (float*)(((nint)start + 63) & ~(nint)63);
                    Product(!transposeB, !transposeA, n, m, k, pb, ldb, pa, lda, transposed, m, team);
                    Transposition.Transpose(transposed, m, n, m, pc, ldc);
                }
            }
            finally
            {
                pool.Return(buffer);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Product(bool transposeA, bool transposeB, int m, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc, ThreadTeam? team)
    {
        if (Avx512Gemm.IsSupported && (Avx512Gemm.Fits(m, n, k) || !MklGemm.IsAvailable))
        {
            Avx512Gemm.Multiply(new(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc), team);
        }
        else
        {
            MklGemm.Multiply(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc);
        }
    }

    private static void RequireHolds(ReadOnlySpan<float> matrix, int rows, int columns, int rowLength, string name)
    {
        if (columns > rowLength || (rows > 0 && matrix.Length < ((long)(rows - 1) * rowLength) + columns))
        {
            throw new ArgumentException($"A {rows} × {columns} matrix with rows of {rowLength} does not fit in {matrix.Length} floats.", name);
        }
    }
}
