namespace Dropout.MLNet;

/// <summary>What T stochastic forward passes say about one row.</summary>
/// <param name="MeanProbabilities">The mean over the passes of each class's probability, in the order of <see cref="DropoutMlpModelParameters.ClassNames"/>.</param>
/// <param name="PredictiveEntropy">The entropy (in nats) of <paramref name="MeanProbabilities"/>: high when the passes disagree or are unsure.</param>
/// <param name="StandardDeviations">The standard deviation over the passes of each class's probability.</param>
public sealed record MonteCarloPrediction(IReadOnlyList<float> MeanProbabilities, float PredictiveEntropy, IReadOnlyList<float> StandardDeviations);
