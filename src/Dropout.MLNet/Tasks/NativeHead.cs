using Microsoft.ML;

namespace Dropout.MLNet.Tasks;

/// <summary>
/// ML.NET's own prediction transformer for the task (maximum entropy or logistic regression), fitted on a handful of
/// synthetic rows, together with its weights W and bias b. The ONNX graph feeds it u = M(logits − b), with M from
/// <see cref="HeadInverse"/>, so it recomputes the network's logits (to float rounding; multiclass up to a constant
/// that softmax ignores) and adds Score, PredictedLabel and Probability exactly as ML.NET's trainers do: same types,
/// annotations and persistence.
/// </summary>
/// <param name="Predictor">The fitted prediction transformer, reading the vector column u.</param>
/// <param name="Bias">b, one value per predictor output.</param>
/// <param name="Inverse">M, row-major, a square matrix of the predictor's width.</param>
internal sealed record NativeHead(ITransformer Predictor, float[] Bias, double[] Inverse)
{
    /// <summary>The most classes a head is built for: its two k×k matrices and their inversion grow as k² and k³.</summary>
    public const int MaximumWidth = 2000;

    /// <summary>The vector column between the ONNX graph and the native head.</summary>
    public const string InputColumn = "DropoutMlp.HeadInput";

    public int Width => Bias.Length;

    /// <summary>
    /// Synthetic rows for a head: for each class, two points along one axis (sparse, so that fitting a head of k classes
    /// costs O(k²) per iteration rather than O(k³)), so every weight is well determined.
    /// </summary>
    public static IEnumerable<(int Class, int Slot, float Value)> AxisRows(int classes, Func<int, (int Slot, float Value)> point) =>
        Enumerable.Range(0, classes).Select(c => (Class: c, Point: point(c)))
            .SelectMany(p => new[] { (p.Class, p.Point.Slot, p.Point.Value), (p.Class, p.Point.Slot, p.Point.Value * 2) });

    /// <summary>M transposed, as the right-hand operand of a row-vector product.</summary>
    public float[] TransposedInverse()
    {
        var transposed = new float[Width * Width];
        for (int i = 0; i < Width; i++)
        {
            for (int j = 0; j < Width; j++)
            {
                transposed[(i * Width) + j] = (float)Inverse[(j * Width) + i];
            }
        }

        return transposed;
    }
}
