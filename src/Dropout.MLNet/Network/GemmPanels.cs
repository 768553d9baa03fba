using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Dropout.MLNet.Network;

/// <summary>
/// Copies of the operands in the order <see cref="Avx512MicroKernel"/> reads them: a panel of op(A) holds
/// <see cref="Avx512MicroKernel.Rows"/> of its rows and a panel of op(B) <see cref="Avx512MicroKernel.Columns"/> of its
/// columns, each as K consecutive groups (one per step along K), zero past the matrix's edge. An operand stored along K
/// (A as it is, B transposed) is turned in 8 × 8 and 4 × 4 blocks in registers; the other is copied group by group.
/// </summary>
internal static unsafe class GemmPanels
{
    /// <summary>Packs rows [<paramref name="row"/>, +Rows) of op(A) into <paramref name="panel"/> (K × Rows floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(in MatrixProduct product, int row, float* panel)
    {
        int rows = Math.Min(Avx512MicroKernel.Rows, product.M - row);
        if (product.TransposeA)
        {
            Copy(product.A + row, product.Lda, rows, product.K, panel, Avx512MicroKernel.Rows);
        }
        else
        {
            Turn(product.A + ((long)row * product.Lda), product.Lda, rows, product.K, panel, Avx512MicroKernel.Rows);
        }
    }

    /// <summary>Packs columns [<paramref name="column"/>, +Columns) of op(B) into <paramref name="panel"/> (K × Columns floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(in MatrixProduct product, int column, float* panel)
    {
        int columns = Math.Min(Avx512MicroKernel.Columns, product.N - column);
        if (product.TransposeB)
        {
            Turn(product.B + ((long)column * product.Ldb), product.Ldb, columns, product.K, panel, Avx512MicroKernel.Columns);
        }
        else
        {
            Copy(product.B + column, product.Ldb, columns, product.K, panel, Avx512MicroKernel.Columns);
        }
    }

    /// <summary>Group p of the panel is the <paramref name="count"/> floats at <paramref name="source"/> + p·<paramref name="stride"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Copy(float* source, int stride, int count, int k, float* panel, int width)
    {
        for (int p = 0; p < k; p++)
        {
            new ReadOnlySpan<float>(source + ((long)p * stride), count).CopyTo(new Span<float>(panel + ((long)p * width), count));
            new Span<float>(panel + ((long)p * width) + count, width - count).Clear();
        }
    }

    /// <summary>
    /// Group p of the panel is element p of each of the <paramref name="count"/> rows at <paramref name="source"/>,
    /// <paramref name="stride"/> apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Turn(float* source, int stride, int count, int k, float* panel, int width)
    {
        int blocked = k & ~7;
        int row = 0;
        for (; row + 8 <= count; row += 8)
        {
            for (int p = 0; p < blocked; p += 8)
            {
                Transpose8(source + ((long)row * stride) + p, stride, panel + ((long)p * width) + row, width);
            }
        }

        for (; row + 4 <= count; row += 4)
        {
            for (int p = 0; p < blocked; p += 4)
            {
                Transpose4(source + ((long)row * stride) + p, stride, panel + ((long)p * width) + row, width);
            }
        }

        for (int p = 0; p < k; p++)
        {
            float* group = panel + ((long)p * width);
            for (int r = p < blocked ? row : 0; r < count; r++)
            {
                group[r] = source[((long)r * stride) + p];
            }

            new Span<float>(group + count, width - count).Clear();
        }
    }

    /// <summary>The 8 × 8 block at <paramref name="source"/> (rows <paramref name="sourceStride"/> apart) transposed into <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(float* source, int sourceStride, float* target, int targetStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + (2 * sourceStride));
        var r3 = Avx.LoadVector256(source + (3 * sourceStride));
        var r4 = Avx.LoadVector256(source + (4 * sourceStride));
        var r5 = Avx.LoadVector256(source + (5 * sourceStride));
        var r6 = Avx.LoadVector256(source + (6 * sourceStride));
        var r7 = Avx.LoadVector256(source + (7 * sourceStride));

        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves exchanged.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(target, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(target + (2 * targetStride), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(target + (3 * targetStride), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(target + (4 * targetStride), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(target + (5 * targetStride), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(target + (6 * targetStride), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(target + (7 * targetStride), Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>The 4 × 4 block at <paramref name="source"/> transposed into <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(float* source, int sourceStride, float* target, int targetStride)
    {
        var r0 = Sse.LoadVector128(source);
        var r1 = Sse.LoadVector128(source + sourceStride);
        var r2 = Sse.LoadVector128(source + (2 * sourceStride));
        var r3 = Sse.LoadVector128(source + (3 * sourceStride));
        var t0 = Sse.UnpackLow(r0, r1);
        var t1 = Sse.UnpackLow(r2, r3);
        var t2 = Sse.UnpackHigh(r0, r1);
        var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(target, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(target + targetStride, Sse.MoveHighToLow(t1, t0));
        Sse.Store(target + (2 * targetStride), Sse.MoveLowToHigh(t2, t3));
        Sse.Store(target + (3 * targetStride), Sse.MoveHighToLow(t3, t2));
    }
}
