using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using static TorchSharp.torch;

namespace Dropout.MLNet.Scoring;

/// <summary>
/// The last step of every fit: the TorchSharp network in evaluation mode and the exported ONNX scorer score the same
/// rows (<see cref="ParitySample"/>), and any difference beyond float rounding fails the fit.
/// </summary>
internal static class ParityCheck
{
    /// <summary>
    /// The largest difference allowed between the scorer's output and the network's logits, relative to the logits'
    /// size (<see cref="LogitDifference"/>). Both sides compute in float32 and sum in different orders, and the native
    /// head adds a linear round trip; over the test suite's data zoo (2 to 1000 classes, features at 1e-6 and 1e6 scale,
    /// probe rows far outside the data) the worst seen was about 3e-6, but a regression network extrapolating to logits of
    /// about 4,700 on the probe rows (Friedman #2, 50,000 rows, trained by the portable kernels) differed by 4.9e-5, its
    /// sums cancelling terms far larger than their result; 3e-5 refused that fit. A wrong export (a layer, bias or scale
    /// out of place) differs by 1e-2 or more: fifty times this. Very wide layers get more (<see cref="ToleranceFor"/>).
    /// </summary>
    public const double Tolerance = 2e-4;

    /// <summary>
    /// The tolerance for a network whose widest layer input has <paramref name="inputs"/> values: a sum of n float32
    /// products in another order drifts by about √n half-ulps (2⁻²⁴) relative to its size, so past ~175,000 inputs the
    /// fixed <see cref="Tolerance"/> is given eight times that (a 600,000-feature model differed by 4.7e-5),
    /// up to 1e-3, ten times below what a wrong export shows.
    /// </summary>
    public static double ToleranceFor(int inputs) => Math.Clamp(8 * Math.Sqrt(inputs) * Math.Pow(2, -24), Tolerance, 1e-3);

    /// <summary>
    /// Scores the sample with both; <paramref name="rawFeatures"/> are the rows as the scorer sees them (before
    /// standardization), <paramref name="networkFeatures"/> the same rows as the network sees them.
    /// </summary>
    /// <returns>The worst relative difference seen.</returns>
    /// <exception cref="InvalidOperationException">The scorer does not reproduce the network.</exception>
    public static double Verify(MlpNetwork network, TaskScoring task, ITransformer scorer, string featureColumnName,
        float[] rawFeatures, float[] networkFeatures, int featureCount)
    {
        int rows = rawFeatures.Length / featureCount;
        if (rows == 0)
        {
            return 0;
        }

        float[] logits;
        using (NewDisposeScope())
        using (no_grad())
        {
            network.eval();
            logits = network.forward(tensor(networkFeatures, [rows, featureCount])).data<float>().ToArray();
        }

        var mlContext = new MLContext(0);
        var sample = mlContext.Data.LoadFromEnumerable(
            Enumerable.Range(0, rows).Select(r => new FeatureRow { Features = rawFeatures.AsSpan(r * featureCount, featureCount).ToArray() }),
            FeatureRow.Schema(featureColumnName, featureCount));
        var scores = task.ReadScores(scorer.Transform(sample));

        int width = logits.Length / rows;
        double worst = scores.Length == logits.Length ? 0 : double.PositiveInfinity;
        for (int r = 0; r < rows && scores.Length == logits.Length; r++)
        {
            // A probe row far outside the data can overflow the network itself; there is nothing to compare there.
            var rowLogits = logits.AsSpan(r * width, width);
            if (!IsFinite(rowLogits))
            {
                continue;
            }

            worst = Math.Max(worst, task.ScoreDifference(rowLogits, scores.AsSpan(r * width, width)));
        }

        double tolerance = ToleranceFor(Math.Max(featureCount, network.Spec.HiddenLayerSizes.DefaultIfEmpty(0).Max()));
        if (!(worst <= tolerance))
        {
            throw new InvalidOperationException(
                $"The exported ONNX model does not reproduce the trained network: on {rows} rows its scores differ from the network's "
                + $"logits by up to {worst:G3} relative to their size (tolerance {tolerance:G3}). The model was not returned. "
                + "Please report this with the options used.");
        }

        return worst;
    }

    private static bool IsFinite(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
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
