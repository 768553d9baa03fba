using Microsoft.ML;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// ML.NET's own prediction transformer for the task (maximum entropy or logistic regression), fitted on a handful of
/// synthetic rows, together with its weights W and bias b. The ONNX graph feeds it u = W⁻¹(logits − b), so it recomputes
/// the network's logits (to float rounding) and adds Score, PredictedLabel and Probability exactly as ML.NET's trainers
/// do: same types, annotations and persistence. A maximum-entropy W is singular by construction (its class rows sum to
/// zero), so W⁺ is a pseudo-inverse: W·W⁺ removes only the constant direction of the logits, which softmax ignores.
/// </summary>
/// <param name="Predictor">The fitted prediction transformer, reading the vector column u.</param>
/// <param name="Bias">b, one value per predictor output.</param>
/// <param name="InverseWeights">W⁺, row-major, a square matrix of the predictor's width.</param>
internal sealed record NativeHead(ITransformer Predictor, float[] Bias, double[] InverseWeights)
{
    public int Width => Bias.Length;

    /// <summary>W⁺ transposed, as the right-hand operand of a row-vector product.</summary>
    public float[] TransposedInverse()
    {
        var transposed = new float[Width * Width];
        for (int i = 0; i < Width; i++)
        {
            for (int j = 0; j < Width; j++)
            {
                transposed[(i * Width) + j] = (float)InverseWeights[(j * Width) + i];
            }
        }

        return transposed;
    }

    /// <summary>
    /// The pseudo-inverse (WᵀW + λI)⁻¹Wᵀ of a square row-major matrix, with λ far below the squares of its non-zero
    /// singular values and far above those of its (numerically) zero ones.
    /// </summary>
    public static double[] PseudoInverse(double[] w, int size)
    {
        var normal = new double[size * size];
        double trace = 0;
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                double sum = 0;
                for (int r = 0; r < size; r++)
                {
                    sum += w[(r * size) + i] * w[(r * size) + j];
                }

                normal[(i * size) + j] = sum;
            }

            trace += normal[(i * size) + i];
        }

        double lambda = 1e-9 * Math.Max(trace / size, 1e-12);
        for (int i = 0; i < size; i++)
        {
            normal[(i * size) + i] += lambda;
        }

        var inverse = Invert(normal, size);
        var result = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                double sum = 0;
                for (int r = 0; r < size; r++)
                {
                    sum += inverse[(i * size) + r] * w[(j * size) + r];
                }

                result[(i * size) + j] = sum;
            }
        }

        return result;
    }

    /// <summary>Inverts a square row-major matrix by Gauss-Jordan elimination with partial pivoting.</summary>
    private static double[] Invert(double[] matrix, int size)
    {
        var a = (double[])matrix.Clone();
        var inverse = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            inverse[(i * size) + i] = 1;
        }

        for (int column = 0; column < size; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < size; row++)
            {
                if (Math.Abs(a[(row * size) + column]) > Math.Abs(a[(pivot * size) + column]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[(pivot * size) + column]) < 1e-9)
            {
                throw new InvalidOperationException("The scoring head's weight matrix is singular; the model cannot be exported.");
            }

            SwapRows(a, size, column, pivot);
            SwapRows(inverse, size, column, pivot);
            double scale = 1 / a[(column * size) + column];
            for (int j = 0; j < size; j++)
            {
                a[(column * size) + j] *= scale;
                inverse[(column * size) + j] *= scale;
            }

            for (int row = 0; row < size; row++)
            {
                double factor = a[(row * size) + column];
                if (row == column || factor == 0)
                {
                    continue;
                }

                for (int j = 0; j < size; j++)
                {
                    a[(row * size) + j] -= factor * a[(column * size) + j];
                    inverse[(row * size) + j] -= factor * inverse[(column * size) + j];
                }
            }
        }

        return inverse;
    }

    private static void SwapRows(double[] matrix, int size, int first, int second)
    {
        if (first == second)
        {
            return;
        }

        for (int j = 0; j < size; j++)
        {
            (matrix[(first * size) + j], matrix[(second * size) + j]) = (matrix[(second * size) + j], matrix[(first * size) + j]);
        }
    }
}
