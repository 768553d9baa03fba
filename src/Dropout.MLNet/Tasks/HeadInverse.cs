using static TorchSharp.torch;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// The matrix M that undoes the native head's weights W (k×k, row-major): the ONNX graph feeds the head u = M(z − b),
/// and the head computes W·u + b.
/// <para>
/// Binary (k = 1): M = W⁻¹. Multiclass: a maximum-entropy W trained with L2 regularization has columns that sum to zero
/// over the classes (1ᵀW = 0 at convergence), so it is singular, and after L-BFGS it is only nearly so. Any inverse of W
/// then amplifies rounding along its tiny singular direction (a Tikhonov pseudo-inverse did so by up to 1/(2√λ), which
/// cost 1e-3 of probability). Softmax ignores a constant added to every logit, so the head only has to reproduce z up to
/// a multiple of 1: with Ŵ = W + (s/k)·1·1ᵀ, where s is W's typical singular value, M = Ŵ⁻¹ gives
/// W·u = Ŵ·u − (s/k)·1·(1ᵀu) = z − b − c·1 exactly, whatever 1ᵀW is. For the W these heads have (near s·(I − 11ᵀ/k)),
/// Ŵ is near s·I, as well conditioned as a matrix can be.
/// </para>
/// </summary>
internal static class HeadInverse
{
    /// <summary>Computes M for W; <paramref name="shiftInvariant"/> when the scores go through a softmax.</summary>
    /// <exception cref="InvalidOperationException">W (completed as above) is singular.</exception>
    public static double[] Compute(ReadOnlySpan<double> w, int size, bool shiftInvariant)
    {
        var completed = w.ToArray();
        if (shiftInvariant && size > 1)
        {
            double squares = 0;
            foreach (var value in w)
            {
                squares += value * value;
            }

            double fill = Math.Sqrt(squares / (size - 1)) / size;
            for (int i = 0; i < completed.Length; i++)
            {
                completed[i] += fill;
            }
        }

        return Invert(completed, size);
    }

    /// <summary>
    /// Inverts a square row-major matrix in float64 with libtorch (LU with partial pivoting), and checks the residual
    /// A·A⁻¹ − I. (TorchSharp 0.107's <c>linalg.inv_ex</c> returns a Cholesky factor instead of the inverse, so
    /// <c>linalg.inv</c> it is.)
    /// </summary>
    private static double[] Invert(double[] matrix, int size)
    {
        using var scope = NewDisposeScope();
        var a = tensor(matrix, [size, size]);
        var inverse = linalg.inv(a);
        double residual = (a.matmul(inverse) - eye(size, dtype: float64)).abs().max().item<double>();
        if (!(residual < 1e-8))
        {
            throw new InvalidOperationException(
                $"The weights of ML.NET's scoring head came out singular (inversion residual {residual:G3}), so the model cannot be "
                + "exported. Please report this with the number of classes.");
        }

        return inverse.data<double>().ToArray();
    }
}
