using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dropout.MLNet.Network;

/// <summary>
/// A single-precision matrix product in AVX-512 registers, in the manner of BLIS and GotoBLAS: both operands are
/// copied into panels (<see cref="GemmPanels"/>) that <see cref="Avx512MicroKernel"/> reads in order, and C is written one
/// 12 × 32 block at a time. Products large enough to share are split among a <see cref="ThreadTeam"/> along C's
/// longer side in panels; each thread packs what it reads into a buffer rented from the team's pool (the shared pool without a team).
/// </summary>
internal static unsafe class Avx512Gemm
{
    /// <summary>A product smaller than this (in floating-point operations) is not worth waking a second thread for.</summary>
    private const double FlopsPerThread = 4e6;

    /// <summary>Whether the processor runs AVX-512 (and AVX for the packing) in hardware, and the portable path is not forced (<see cref="PortableKernels"/>).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated && Avx.IsSupported && !PortableKernels.IsForced;

    /// <summary>
    /// Whether the panels of an <paramref name="m"/> × <paramref name="n"/> product over <paramref name="k"/> fit in one
    /// array (a first layer of millions of inputs may not; MKL multiplies those without copies).
    /// </summary>
    public static bool Fits(int m, int n, int k) =>
        (((long)Panels(m, Avx512MicroKernel.Rows) * Avx512MicroKernel.Rows) + ((long)Panels(n, Avx512MicroKernel.Columns) * Avx512MicroKernel.Columns)) * k + 16 <= Array.MaxLength;

    /// <summary>Computes <paramref name="product"/>, shared among <paramref name="team"/> when it is large enough (alone without one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(MatrixProduct product, ThreadTeam? team)
    {
        int rowPanels = Panels(product.M, Avx512MicroKernel.Rows);
        int columnPanels = Panels(product.N, Avx512MicroKernel.Columns);
        int parts = (int)Math.Clamp(product.Flops / FlopsPerThread, 1, Math.Min(team?.Threads ?? 1, Math.Max(rowPanels, columnPanels)));
        var pool = team?.Buffers ?? ArrayPool<float>.Shared;
        if (parts == 1 || team is null)
        {
            Multiply(product, 0, rowPanels, 0, columnPanels, pool);
            return;
        }

        bool byColumns = columnPanels >= rowPanels;
        int split = byColumns ? columnPanels : rowPanels;
        team.Run(parts, part =>
        {
            int first = (int)((long)split * part / parts);
            int last = (int)((long)split * (part + 1) / parts);
            if (byColumns)
            {
                Multiply(product, 0, rowPanels, first, last, pool);
            }
            else
            {
                Multiply(product, first, last, 0, columnPanels, pool);
            }
        });
    }

    /// <summary>The blocks of C in row panels [<paramref name="firstRow"/>, <paramref name="lastRow"/>) and column panels [<paramref name="firstColumn"/>, <paramref name="lastColumn"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(in MatrixProduct product, int firstRow, int lastRow, int firstColumn, int lastColumn, ArrayPool<float> pool)
    {
        const int rows = Avx512MicroKernel.Rows;
        const int columns = Avx512MicroKernel.Columns;
        int k = product.K;
        long aLength = (long)(lastRow - firstRow) * rows * k;
        long bLength = (long)(lastColumn - firstColumn) * columns * k;
        var buffer = pool.Rent(checked((int)(aLength + bLength + 16)));
        try
        {
            fixed (float* start = buffer)
            {
                // The panels start on a cache line, whatever the rented array's address.
                float* aPanels = (float*)(((nint)start + 63) & ~(nint)63);
                float* bPanels = aPanels + aLength;
                for (int panel = firstRow; panel < lastRow; panel++)
                {
                    GemmPanels.PackA(product, panel * rows, aPanels + ((long)(panel - firstRow) * rows * k));
                }

                for (int panel = firstColumn; panel < lastColumn; panel++)
                {
                    GemmPanels.PackB(product, panel * columns, bPanels + ((long)(panel - firstColumn) * columns * k));
                }

                float* edge = stackalloc float[rows * columns];
                for (int column = firstColumn; column < lastColumn; column++)
                {
                    float* bPanel = bPanels + ((long)(column - firstColumn) * columns * k);
                    int j = column * columns;
                    int width = Math.Min(columns, product.N - j);
                    for (int row = firstRow; row < lastRow; row++)
                    {
                        float* aPanel = aPanels + ((long)(row - firstRow) * rows * k);
                        int i = row * rows;
                        int height = Math.Min(rows, product.M - i);
                        float* c = product.C + ((long)i * product.Ldc) + j;
                        if (height == rows && width == columns)
                        {
                            Avx512MicroKernel.Multiply(k, aPanel, bPanel, c, product.Ldc);
                            continue;
                        }

                        // A block past C's edge is computed whole and only its part inside C copied.
                        Avx512MicroKernel.Multiply(k, aPanel, bPanel, edge, columns);
                        for (int r = 0; r < height; r++)
                        {
                            new ReadOnlySpan<float>(edge + (r * columns), width).CopyTo(new Span<float>(c + ((long)r * product.Ldc), width));
                        }
                    }
                }
            }
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    private static int Panels(int length, int panel) => (length + panel - 1) / panel;
}
