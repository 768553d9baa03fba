using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Dropout.MLNet.Network;

/// <summary>
/// Transposes row-major float matrices in 8 × 8 and 4 × 4 blocks in AVX and SSE registers (element by element where
/// there is no AVX, and at the edges): the AVX-512 product's panels of an operand stored along K, and the narrow
/// products <see cref="Blas"/> computes transposed.
/// </summary>
internal static unsafe class Transposition
{
    /// <summary>
    /// target[c, r] = source[r, c] for the <paramref name="rows"/> × <paramref name="columns"/> matrix at
    /// <paramref name="source"/> (rows <paramref name="stride"/> apart); the target's rows are
    /// <paramref name="targetStride"/> apart, and nothing past its first <paramref name="rows"/> floats is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(float* source, int stride, int rows, int columns, float* target, int targetStride)
    {
        int blocked = Avx.IsSupported ? columns & ~7 : 0;
        int row = 0;
        if (Avx.IsSupported)
        {
            for (; row + 8 <= rows; row += 8)
            {
                for (int c = 0; c < blocked; c += 8)
                {
                    Transpose8(source + ((long)row * stride) + c, stride, target + ((long)c * targetStride) + row, targetStride);
                }
            }

            for (; row + 4 <= rows; row += 4)
            {
                for (int c = 0; c < blocked; c += 4)
                {
                    Transpose4(source + ((long)row * stride) + c, stride, target + ((long)c * targetStride) + row, targetStride);
                }
            }
        }

        for (int c = 0; c < columns; c++)
        {
            float* targetRow = target + ((long)c * targetStride);
            for (int r = c < blocked ? row : 0; r < rows; r++)
            {
                targetRow[r] = source[((long)r * stride) + c];
            }
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
