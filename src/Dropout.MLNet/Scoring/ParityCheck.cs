using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using static TorchSharp.torch;

namespace Dropout.MLNet.Scoring;

/// <summary>
/// The last step of every fit: the TorchSharp network in evaluation mode and the exported ONNX scorer score the
/// same sample of training rows, and any difference beyond float rounding fails the fit.
/// </summary>
internal static class ParityCheck
{
    /// <summary>
    /// The largest difference of a class probability allowed. Both sides compute in float32, but libtorch's and
    /// ONNX Runtime's matrix kernels sum in different orders and the native head adds a linear round trip, so a
    /// confident network (logits of tens) on inputs with tiny standard deviations differs by ~1e-4 (seen on
    /// Fashion-MNIST after 20 epochs). A wrong export (a layer, bias or scale out of place) differs by 1e-2 or more.
    /// </summary>
    public const float Tolerance = 1e-3f;

    /// <summary>
    /// Scores the sample with both; <paramref name="rawFeatures"/> are the rows as the scorer sees them (before
    /// standardization), <paramref name="networkFeatures"/> the same rows as the network sees them.
    /// </summary>
    public static void Verify(MlpNetwork network, ClassificationTask task, ITransformer scorer, string featureColumnName,
        float[] rawFeatures, float[] networkFeatures, int featureCount)
    {
        int rows = rawFeatures.Length / featureCount;
        if (rows == 0)
        {
            return;
        }

        float[] expected;
        using (NewDisposeScope())
        using (no_grad())
        {
            network.eval();
            var logits = network.forward(tensor(networkFeatures, [rows, featureCount]));
            expected = task.Probabilities(logits).data<float>().ToArray();
        }

        var mlContext = new MLContext(0);
        var sample = mlContext.Data.LoadFromEnumerable(
            Enumerable.Range(0, rows).Select(r => new FeatureRow { Features = rawFeatures.AsSpan(r * featureCount, featureCount).ToArray() }),
            FeatureRow.Schema(featureColumnName, featureCount));
        var actual = task.ReadProbabilities(scorer.Transform(sample));

        float worst = actual.Length == expected.Length ? 0f : float.PositiveInfinity;
        for (int i = 0; i < expected.Length && i < actual.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        if (!(worst <= Tolerance))
        {
            throw new InvalidOperationException(
                $"The exported ONNX model does not reproduce the trained network: on {rows} training rows the class probabilities "
                + $"differ by up to {worst:G3} (tolerance {Tolerance:G3}). The model was not returned. Please report this with the options used.");
        }
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];

        public static SchemaDefinition Schema(string columnName, int size)
        {
            var schema = SchemaDefinition.Create(typeof(FeatureRow));
            schema[0].ColumnName = columnName;
            schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
            return schema;
        }
    }
}
