namespace Dropout.MLNet.Tasks;

/// <summary>
/// How far scored outputs are from the logits they should reproduce, relative to the logits' size: rounding in float32
/// grows with the logits, so a relative measure holds one tolerance for a hesitant and a confident model, for two and for
/// a thousand classes, where an absolute difference of probabilities would be 10-100 % of a minor class's probability.
/// </summary>
internal static class LogitDifference
{
    /// <summary>Below this log-ratio to the top class, float32 probabilities underflow; such classes need only stay negligible.</summary>
    private const double Underflow = -60;

    /// <summary>
    /// Softmax outputs against logits: both centered on the top class (ln pᶜ − ln pᵐ against zᶜ − zᵐ), the largest
    /// difference over the classes, divided by 1 + the largest centered logit. Infinity when the outputs are unusable.
    /// </summary>
    public static double OfSoftmax(ReadOnlySpan<float> logits, ReadOnlySpan<float> probabilities)
    {
        if (logits.Length != probabilities.Length || logits.Length == 0)
        {
            return double.PositiveInfinity;
        }

        int top = 0;
        for (int c = 1; c < logits.Length; c++)
        {
            top = logits[c] > logits[top] ? c : top;
        }

        double topLog = Math.Log(probabilities[top]);
        double worst = 0;
        double scale = 1;
        for (int c = 0; c < logits.Length; c++)
        {
            double expected = (double)logits[c] - logits[top];
            if (expected <= Underflow)
            {
                worst = Math.Max(worst, probabilities[c] <= probabilities[top] * 1e-20 ? 0 : double.PositiveInfinity);
                continue;
            }

            worst = Math.Max(worst, Math.Abs(Math.Log(probabilities[c]) - topLog - expected));
            scale = Math.Max(scale, 1 + Math.Abs(expected));
        }

        return double.IsFinite(topLog) && !double.IsNaN(worst) ? worst / scale : double.PositiveInfinity;
    }

    /// <summary>A scored logit against the network's, relative to 1 + its size.</summary>
    public static double OfLogit(float logit, float score) =>
        float.IsFinite(score) ? Math.Abs((double)score - logit) / (1 + Math.Abs((double)logit)) : double.PositiveInfinity;
}
