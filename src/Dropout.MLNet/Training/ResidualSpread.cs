using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// How far a regression model's predictions fall from held-out labels, in the label's unit, for Monte Carlo intervals
/// by locally weighted split conformal prediction (Vovk et al., 2005; Lei et al., 2018): each validation row's absolute
/// residual from the mean of its dropout passes (the centre of its interval) is divided by its predictive deviation √(σ²ₘ + s²) (σ²ₘ the variance of its dropout passes, s the residuals'
/// root mean square), and the quantiles of those ratios are kept at 1,000 levels, at the conformal ranks (the
/// ⌈(n + 1)·c⌉-th smallest of n, the finite-sample rank). An interval of q(c) predictive deviations around a new row's
/// prediction then holds its label with probability at least c on rows exchangeable with the calibration rows, whatever
/// the noise's shape, and widens where the passes disagree. A coverage whose rank is above n cannot be promised by n
/// rows, and is refused (<see cref="ScaledHalfWidth"/>); so are residuals of training rows (a fit without validation
/// rows), which understate the error.
/// </summary>
/// <param name="StandardDeviation">s, the root mean squared residual.</param>
/// <param name="ScaledQuantiles">q(c) for c = 0.001, 0.002, …, 1, in predictive deviations.</param>
/// <param name="CalibrationRows">n, the rows measured (0 in models saved before this was recorded).</param>
/// <param name="OfTrainingRows">Whether the rows were training rows (the fit had no validation rows).</param>
internal sealed record ResidualSpread(float StandardDeviation, IReadOnlyList<float> ScaledQuantiles, int CalibrationRows = 0, bool OfTrainingRows = false)
{
    /// <summary>Fewer validation rows than this make the fit warn: a 90 % interval's coverage then varies by several points from fit to fit.</summary>
    public const int RecommendedCalibrationRows = 100;

    private const int Levels = 1000;
    private const int Passes = 30;
    private const int BatchRows = 4096;

    /// <summary>
    /// Measures the spread of a trained network (before its label scale is folded in) on standardized rows; leaves the
    /// network in evaluation mode.
    /// </summary>
    public static ResidualSpread Measure(MlpNetwork network, TrainingRows rows, double labelDeviation, bool ofTrainingRows)
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
                // The passes' mean, not the evaluation-mode prediction: Monte Carlo intervals are centred on it, and a
                // residual of another centre (they differ by a third of the error on some data) would not calibrate them.
                network.train();
                var (mean, spread) = DropoutPasses.Moments(network, features, Passes, outputs => outputs.squeeze(1));
                var predictions = mean.data<double>().ToArray();
                var variance = spread.data<double>().ToArray();
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
        return new ResidualSpread((float)s, quantiles, n, ofTrainingRows);
    }

    /// <summary>The fewest calibration rows that can promise <paramref name="coverage"/>: the least n with ⌈(n + 1)·c⌉ ≤ n.</summary>
    public static int RowsFor(double coverage)
    {
        int n = 1;
        while (Math.Ceiling((n + 1) * coverage) > n)
        {
            n++;
        }

        return n;
    }

    /// <summary>q(<paramref name="coverage"/>): the half-width, in predictive deviations, of an interval that holds at least that share of labels.</summary>
    /// <exception cref="ArgumentException">The residuals are training rows', or too few rows were measured to promise <paramref name="coverage"/>.</exception>
    public float ScaledHalfWidth(double coverage)
    {
        if (OfTrainingRows)
        {
            throw new ArgumentException(
                "The model was trained without validation rows (ValidationFraction = 0 and no validation data), so its only residuals are those of "
                + "its training rows, which understate its error: intervals would hold fewer labels than asked. Refit with ValidationFraction above 0 "
                + "(0.2 or more for intervals) or pass validation data to Fit.", nameof(coverage));
        }

        if (CalibrationRows > 0 && Math.Ceiling((CalibrationRows + 1) * coverage) > CalibrationRows)
        {
            throw new ArgumentException(
                $"The model's intervals rest on {CalibrationRows} validation rows, too few to promise {coverage:0.###} coverage "
                + $"(split conformal prediction needs at least {RowsFor(coverage)}): ask for a lower coverage, or refit with a larger "
                + "ValidationFraction or more validation data.", nameof(coverage));
        }

        return ScaledQuantiles[Math.Clamp((int)Math.Ceiling(coverage * Levels) - 1, 0, Levels - 1)];
    }
}
