using System.Runtime.InteropServices;

namespace Dropout.MLNet.Network;

/// <summary>
/// The single-precision matrix product of the BLAS that libtorch itself multiplies with (Intel MKL, linked into
/// <c>libtorch_cpu</c>, which exports its Fortran <c>sgemm_</c>), called on memory the caller has pinned. MKL runs with
/// libtorch's thread count. <see cref="IsAvailable"/> is false where the loaded libtorch exports no <c>sgemm_</c>.
/// </summary>
internal static unsafe class MklGemm
{
    private static readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void> Sgemm = Resolve();

    /// <summary>Whether the loaded libtorch exports a matrix product this process can call.</summary>
    public static bool IsAvailable => Sgemm != null;

    /// <summary>C = op(A)·op(B) for row-major matrices (see <see cref="Blas.Multiply"/>); check <see cref="IsAvailable"/> first.</summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc)
    {
        // A row-major matrix is its transpose in column-major order, so Cᵀ = op(B)ᵀ·op(A)ᵀ is one column-major call
        // with the operands exchanged and the same transposition flags.
        byte transB = transposeB ? (byte)'T' : (byte)'N';
        byte transA = transposeA ? (byte)'T' : (byte)'N';
        float one = 1f;
        float zero = 0f;
        Sgemm(&transB, &transA, &n, &m, &k, &one, b, &ldb, a, &lda, &zero, c, &ldc);
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
