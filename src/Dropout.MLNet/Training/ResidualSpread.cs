using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// How far a regression model's predictions fall from held-out labels, in the label's unit, for Monte Carlo intervals
/// by locally weighted split conformal prediction (Vovk et al., 2005; Lei et al., 2018): each validation row's absolute
/// residual is divided by its predictive deviation √(σ²ₘ + s²) (σ²ₘ the variance of its dropout passes, s the residuals'
/// root mean square), and the quantiles of those ratios are kept at 1,000 levels, at the conformal ranks (the
/// ⌈(n + 1)·c⌉-th smallest of n). An interval of q(c) predictive deviations around a new row's prediction then holds its
/// label with probability about c, whatever the noise's shape, and widens where the passes disagree.
/// </summary>
/// <param name="StandardDeviation">s, the root mean squared residual.</param>
/// <param name="ScaledQuantiles">q(c) for c = 0.001, 0.002, …, 1, in predictive deviations.</param>
internal sealed record ResidualSpread(float StandardDeviation, IReadOnlyList<float> ScaledQuantiles)
{
    private const int Levels = 1000;
    private const int Passes = 30;
    private const int BatchRows = 4096;

    /// <summary>
    /// Measures the spread of a trained network (before its label scale is folded in) on standardized rows; leaves the
    /// network in evaluation mode.
    /// </summary>
    public static ResidualSpread Measure(MlpNetwork network, TrainingRows rows, double labelDeviation)
    {
        var residuals = new double[rows.Count];
        var variances = new double[rows.Count];
        using (no_grad())
        {
            for (int start = 0; start < rows.Count; start += BatchRows)
            {
                using var scope = NewDisposeScope();
                int size = Math.Min(BatchRows, rows.Count - start);
                var part = rows.Slice(start, size);
                var features = tensor(part.Features.ToArray(), [size, rows.FeatureCount]);
                network.eval();
                var predictions = network.forward(features).squeeze(1).to_type(ScalarType.Float64).data<double>().ToArray();
                network.train();
                var variance = DropoutPasses.Moments(network, features, Passes, outputs => outputs.squeeze(1)).Variance.data<double>().ToArray();
                for (int i = 0; i < size; i++)
                {
                    residuals[start + i] = Math.Abs(predictions[i] - part.Labels[i]) * labelDeviation;
                    variances[start + i] = variance[i] * labelDeviation * labelDeviation;
                }
            }
        }

        network.eval();
        double s = Math.Sqrt(residuals.Sum(r => r * r) / Math.Max(rows.Count, 1));
        var scaled = residuals.Select((r, i) => r / Math.Sqrt(variances[i] + (s * s) + double.Epsilon)).Order().ToArray();
        int n = scaled.Length;
        var quantiles = Enumerable.Range(1, Levels)
            .Select(i => (float)scaled[Math.Min(n, (int)Math.Ceiling((n + 1) * (i / (double)Levels))) - 1])
            .ToArray();
        return new ResidualSpread((float)s, quantiles);
    }

    /// <summary>q(<paramref name="coverage"/>): the half-width, in predictive deviations, of an interval that holds about that share of labels.</summary>
    public float ScaledHalfWidth(double coverage) => ScaledQuantiles[Math.Clamp((int)Math.Ceiling(coverage * Levels) - 1, 0, Levels - 1)];
}
