using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet;

/// <summary>
/// Monte Carlo dropout (Gal and Ghahramani, 2016), an explicit, opt-in prediction: the trained network is rebuilt
/// from the model's weights and run T times with its dropout active, under a seed. The model itself, its transformer and
/// every saved copy keep predicting in evaluation mode; nothing here changes them.
/// </summary>
public static class MonteCarloDropout
{
    /// <summary>Runs <paramref name="passes"/> stochastic forward passes of a classifier over every row of <paramref name="data"/>.</summary>
    /// <param name="model">A classifier trained by a DropoutMlp trainer (with a dropout rate above zero somewhere).</param>
    /// <param name="data">Rows with the model's feature column, featurized as in training.</param>
    /// <param name="passes">T, the number of passes: at least 2.</param>
    /// <param name="seed">The seed of the dropout masks: the same seed gives the same predictions.</param>
    /// <returns>One prediction per row, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">The feature column is missing or of another size, the model has no dropout, or it is a regression model.</exception>
    public static IReadOnlyList<MonteCarloPrediction> Predict(DropoutMlpTransformer model, IDataView data, int passes = 30, int seed = 0)
    {
        StochasticPasses.Check(model, data, passes);
        if (model.Model.Task.Objective.Classes is not { } classes)
        {
            throw new ArgumentException("The model predicts values, not classes; use MonteCarloDropout.PredictRegression for its mean, deviation and interval.", nameof(model));
        }

        var predictions = new List<MonteCarloPrediction>();
        StochasticPasses.Run(model, data, passes, seed, classes.Probabilities, (mean, variance) =>
        {
            using var floor = 1e-12.ToScalar();
            var entropy = mean.clamp_min(floor).log().mul(mean).sum(1).neg();
            var means = mean.to_type(ScalarType.Float32).data<float>().ToArray();
            var deviations = variance.sqrt().to_type(ScalarType.Float32).data<float>().ToArray();
            var entropies = entropy.to_type(ScalarType.Float32).data<float>().ToArray();
            int classes = (int)mean.shape[1];
            for (int row = 0; row < entropies.Length; row++)
            {
                predictions.Add(new MonteCarloPrediction(
                    means.AsSpan(row * classes, classes).ToArray(), entropies[row], deviations.AsSpan(row * classes, classes).ToArray()));
            }
        });
        return predictions;
    }

    /// <summary>
    /// The fewest validation rows that let <see cref="PredictRegression"/> promise <paramref name="coverage"/>: split
    /// conformal prediction needs ⌈(n + 1)·coverage⌉ ≤ n (9 rows for 0.9, 19 for 0.95, 99 for 0.99). Compare with
    /// <see cref="DropoutMlpModelParameters.CalibrationRowCount"/>; 100 or more give coverage that varies little from fit to fit.
    /// </summary>
    /// <param name="coverage">The share of labels the interval is to hold, in (0, 1).</param>
    /// <returns>The number of rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coverage"/> is not in (0, 1).</exception>
    public static int CalibrationRowsNeeded(double coverage)
    {
        if (!(coverage > 0 && coverage < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "The interval's coverage must be in (0, 1), such as 0.9 or 0.95.");
        }

        return Training.ResidualSpread.RowsFor(coverage);
    }

    /// <summary>
    /// Runs <paramref name="passes"/> stochastic forward passes of a regression model over every row of
    /// <paramref name="data"/>: the predictive mean, standard deviation and a central interval per row. The predictive
    /// variance is the passes' variance σ²ₘ (the model's uncertainty, larger far from the training rows) plus the model's
    /// squared <see cref="DropoutMlpModelParameters.ResidualStandardDeviation"/> (the label's noise, as Gal and Ghahramani's
    /// τ⁻¹). The interval is q predictive standard deviations either side of the mean, where q is the quantile at
    /// <paramref name="coverage"/> of the validation rows' absolute residuals in predictive standard deviations (locally
    /// weighted split conformal prediction, at the finite-sample rank ⌈(n + 1)·coverage⌉ of n rows: on rows like the
    /// validation rows it holds at least that share of labels, whatever the noise's shape, and it widens where the passes
    /// disagree). A model trained without validation rows, or with too few to promise <paramref name="coverage"/> (19 for
    /// 0.95), is refused rather than given intervals that hold fewer labels than asked; the fit warns on the log below
    /// 100 validation rows. The noise term is one for all rows: where the noise
    /// varies with the features, the share holds over rows, not row by row (low-noise rows get wider intervals than they
    /// need, high-noise rows narrower).
    /// </summary>
    /// <param name="model">A regression model trained by a DropoutMlp trainer (with a dropout rate above zero somewhere).</param>
    /// <param name="data">Rows with the model's feature column, featurized as in training.</param>
    /// <param name="passes">T, the number of passes: at least 2.</param>
    /// <param name="seed">The seed of the dropout masks: the same seed gives the same predictions.</param>
    /// <param name="coverage">The probability the interval is meant to hold the label with, in (0, 1): 0.9 gives the 5 % and 95 % quantiles.</param>
    /// <returns>One prediction per row, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 2, or <paramref name="coverage"/> is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">The feature column is missing or of another size, the model has no dropout, it is a classifier, or it has no or too few validation rows for <paramref name="coverage"/>.</exception>
    public static IReadOnlyList<MonteCarloRegressionPrediction> PredictRegression(DropoutMlpTransformer model, IDataView data, int passes = 30,
        int seed = 0, double coverage = 0.9)
    {
        StochasticPasses.Check(model, data, passes);
        if (!(coverage > 0 && coverage < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "The interval's coverage must be in (0, 1), such as 0.9 or 0.95.");
        }

        if (model.Model.Residuals is not { } residuals)
        {
            throw new ArgumentException("The model is a classifier; use MonteCarloDropout.Predict for its mean probabilities.", nameof(model));
        }

        double noise = residuals.StandardDeviation, halfWidth = residuals.ScaledHalfWidth(coverage);
        var predictions = new List<MonteCarloRegressionPrediction>();
        StochasticPasses.Run(model, data, passes, seed, outputs => outputs, (mean, variance) =>
        {
            var means = mean.data<double>().ToArray();
            var variances = variance.data<double>().ToArray();
            for (int row = 0; row < means.Length; row++)
            {
                double spread = Math.Sqrt(variances[row]);
                double deviation = Math.Sqrt(variances[row] + (noise * noise));
                double half = halfWidth * deviation;
                predictions.Add(new MonteCarloRegressionPrediction(
                    (float)means[row], (float)deviation, (float)spread, (float)(means[row] - half), (float)(means[row] + half)));
            }
        });
        return predictions;
    }
}
