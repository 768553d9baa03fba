using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dropout.MLNet.Network;

/// <summary>
/// The innermost loop of <see cref="Avx512Gemm"/>: a 12 × 32 block of C as 24 AVX-512 registers of sums, each step
/// along K one row of a B panel (two registers) times each of 12 broadcast values of an A panel, 24 fused
/// multiply-adds against 14 loads. The sums stay in registers for all of K, so each output is one sum in a fixed order.
/// </summary>
internal static unsafe class Avx512MicroKernel
{
    /// <summary>Rows of C per block (values of an A panel per step).</summary>
    public const int Rows = 12;

    /// <summary>Columns of C per block (values of a B panel per step).</summary>
    public const int Columns = 32;

    /// <summary>
    /// Writes the block of C at <paramref name="c"/> (rows <paramref name="ldc"/> apart) as the product of a K × Rows
    /// panel of A and a K × Columns panel of B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(int k, float* a, float* b, float* c, int ldc)
    {
        // Written out: the JIT keeps named locals in registers, not the elements of an array.
        Vector512<float> c0a = default, c0b = default;
        Vector512<float> c1a = default, c1b = default;
        Vector512<float> c2a = default, c2b = default;
        Vector512<float> c3a = default, c3b = default;
        Vector512<float> c4a = default, c4b = default;
        Vector512<float> c5a = default, c5b = default;
        Vector512<float> c6a = default, c6b = default;
        Vector512<float> c7a = default, c7b = default;
        Vector512<float> c8a = default, c8b = default;
        Vector512<float> c9a = default, c9b = default;
        Vector512<float> c10a = default, c10b = default;
        Vector512<float> c11a = default, c11b = default;
        for (int p = 0; p < k; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> x;
            x = Vector512.Create(a[0]);
            c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a);
            c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b);
            x = Vector512.Create(a[1]);
            c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a);
            c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b);
            x = Vector512.Create(a[2]);
            c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a);
            c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b);
            x = Vector512.Create(a[3]);
            c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a);
            c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b);
            x = Vector512.Create(a[4]);
            c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a);
            c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b);
            x = Vector512.Create(a[5]);
            c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a);
            c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b);
            x = Vector512.Create(a[6]);
            c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a);
            c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b);
            x = Vector512.Create(a[7]);
            c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a);
            c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b);
            x = Vector512.Create(a[8]);
            c8a = Avx512F.FusedMultiplyAdd(x, b0, c8a);
            c8b = Avx512F.FusedMultiplyAdd(x, b1, c8b);
            x = Vector512.Create(a[9]);
            c9a = Avx512F.FusedMultiplyAdd(x, b0, c9a);
            c9b = Avx512F.FusedMultiplyAdd(x, b1, c9b);
            x = Vector512.Create(a[10]);
            c10a = Avx512F.FusedMultiplyAdd(x, b0, c10a);
            c10b = Avx512F.FusedMultiplyAdd(x, b1, c10b);
            x = Vector512.Create(a[11]);
            c11a = Avx512F.FusedMultiplyAdd(x, b0, c11a);
            c11b = Avx512F.FusedMultiplyAdd(x, b1, c11b);
            a += Rows;
            b += Columns;
        }

        Vector512.Store(c0a, c + (0 * ldc));
        Vector512.Store(c0b, c + (0 * ldc) + 16);
        Vector512.Store(c1a, c + (1 * ldc));
        Vector512.Store(c1b, c + (1 * ldc) + 16);
        Vector512.Store(c2a, c + (2 * ldc));
        Vector512.Store(c2b, c + (2 * ldc) + 16);
        Vector512.Store(c3a, c + (3 * ldc));
        Vector512.Store(c3b, c + (3 * ldc) + 16);
        Vector512.Store(c4a, c + (4 * ldc));
        Vector512.Store(c4b, c + (4 * ldc) + 16);
        Vector512.Store(c5a, c + (5 * ldc));
        Vector512.Store(c5b, c + (5 * ldc) + 16);
        Vector512.Store(c6a, c + (6 * ldc));
        Vector512.Store(c6b, c + (6 * ldc) + 16);
        Vector512.Store(c7a, c + (7 * ldc));
        Vector512.Store(c7b, c + (7 * ldc) + 16);
        Vector512.Store(c8a, c + (8 * ldc));
        Vector512.Store(c8b, c + (8 * ldc) + 16);
        Vector512.Store(c9a, c + (9 * ldc));
        Vector512.Store(c9b, c + (9 * ldc) + 16);
        Vector512.Store(c10a, c + (10 * ldc));
        Vector512.Store(c10b, c + (10 * ldc) + 16);
        Vector512.Store(c11a, c + (11 * ldc));
        Vector512.Store(c11b, c + (11 * ldc) + 16);
    }
}
