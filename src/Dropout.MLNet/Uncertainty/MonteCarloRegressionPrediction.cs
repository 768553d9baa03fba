namespace Dropout.MLNet;

/// <summary>What T stochastic forward passes of a regression model say about one row.</summary>
/// <param name="Mean">The mean of the passes' predictions: the predictive mean.</param>
/// <param name="StandardDeviation">The predictive standard deviation: the passes' spread and the label's noise together.</param>
/// <param name="ModelStandardDeviation">The standard deviation of the passes alone: the model's uncertainty, which grows far from the training rows.</param>
/// <param name="Lower">The lower end of the central interval asked for.</param>
/// <param name="Upper">The upper end of the central interval asked for.</param>
public sealed record MonteCarloRegressionPrediction(float Mean, float StandardDeviation, float ModelStandardDeviation, float Lower, float Upper);
