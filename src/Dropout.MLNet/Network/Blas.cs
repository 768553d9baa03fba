using System.Runtime.InteropServices;

namespace Dropout.MLNet.Network;

/// <summary>
/// The single-precision matrix product of the BLAS that libtorch itself multiplies with (Intel MKL, linked into
/// <c>libtorch_cpu</c>, which exports its Fortran <c>sgemm_</c>), called on managed memory. A tabular network's products
/// are small (128 × 9 × 128), and through tensors each costs a handle, a dispatcher pass and an output allocation, several
/// times the product itself; here a call is the product alone. Where the loaded libtorch exports no <c>sgemm_</c>,
/// <see cref="IsAvailable"/> is false and training keeps to libtorch's tensors.
/// </summary>
internal static unsafe class Blas
{
    private static readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void> Sgemm = Resolve();

    /// <summary>Whether the loaded libtorch exports a matrix product this process can call.</summary>
    public static bool IsAvailable => Sgemm != null;

    /// <summary>
    /// C = α·op(A)·op(B) + β·C for row-major matrices, C being m × n and op(A) m × k (op transposes when asked); the
    /// leading dimensions are the row lengths as stored. With β = 0, C is written without being read.
    /// </summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (Sgemm == null)
        {
            throw new InvalidOperationException("The loaded libtorch exports no sgemm_; check Blas.IsAvailable before multiplying.");
        }

        // sgemm reads and writes raw memory: the spans must hold the matrices their shapes and row lengths describe.
        RequireHolds(a, transposeA ? k : m, transposeA ? m : k, lda, nameof(a));
        RequireHolds(b, transposeB ? n : k, transposeB ? k : n, ldb, nameof(b));
        RequireHolds(c, m, n, ldc, nameof(c));

        // A row-major matrix is its transpose in column-major order, so Cᵀ = op(B)ᵀ·op(A)ᵀ is one column-major call
        // with the operands exchanged and the same transposition flags.
        byte transB = transposeB ? (byte)'T' : (byte)'N';
        byte transA = transposeA ? (byte)'T' : (byte)'N';
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Sgemm(&transB, &transA, &n, &m, &k, &alpha, pb, &ldb, pa, &lda, &beta, pc, &ldc);
        }
    }

    private static void RequireHolds(ReadOnlySpan<float> matrix, int rows, int columns, int rowLength, string name)
    {
        if (columns > rowLength || (rows > 0 && matrix.Length < ((long)(rows - 1) * rowLength) + columns))
        {
            throw new ArgumentException($"A {rows} × {columns} matrix with rows of {rowLength} does not fit in {matrix.Length} floats.", name);
        }
    }

    private static delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void> Resolve()
    {
        LibTorch.EnsureLoaded();

        // The library is loaded already (by TorchSharp's native shim): opening it by name finds that copy.
        string[] names = OperatingSystem.IsWindows() ? ["torch_cpu.dll"] : OperatingSystem.IsMacOS() ? ["libtorch_cpu.dylib"] : ["libtorch_cpu.so"];
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, typeof(TorchSharp.torch).Assembly, null, out var library)
                && NativeLibrary.TryGetExport(library, "sgemm_", out var address))
            {
                return (delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void>)address;
            }
        }

        return null;
    }
}
