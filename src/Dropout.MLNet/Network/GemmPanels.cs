using System.Runtime.CompilerServices;

namespace Dropout.MLNet.Network;

/// <summary>
/// Copies of the operands in the order <see cref="Avx512MicroKernel"/> reads them: a panel of op(A) holds
/// <see cref="Avx512MicroKernel.Rows"/> of its rows and a panel of op(B) <see cref="Avx512MicroKernel.Columns"/> of its
/// columns, each as K consecutive groups (one per step along K), zero past the matrix's edge. An operand stored along K
/// (A as it is, B transposed) is turned (<see cref="Transposition"/>); the other is copied group by group.
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
        Transposition.Transpose(source, stride, count, k, panel, width);
        for (int p = 0; p < k; p++)
        {
            new Span<float>(panel + ((long)p * width) + count, width - count).Clear();
        }
    }
}
