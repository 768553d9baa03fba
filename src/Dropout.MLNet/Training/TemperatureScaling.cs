using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// Temperature scaling (Guo et al., 2017): after training, one scalar T divides the logits so that the validation rows'
/// log-loss is least. A network trained to a low loss is overconfident on rows unlike its training rows (noisy labels,
/// duplicated rows, rare categories); T &gt; 1 softens its probabilities without changing a single prediction (the
/// order of the logits is kept). T is folded into the output layer, so the exported graph is the same.
/// <para>
/// T is the maximum a posteriori estimate under a Gaussian prior on ln T centered on 0 (T = 1) with the weight of ten
/// validation rows: a handful of validation rows (a 20-row data set holds out 2) barely move T, a thousand decide it.
/// </para>
/// </summary>
internal static class TemperatureScaling
{
    private const double PriorWeight = 10.0;
    private const double LowestLogTemperature = -2.5;
    private const double HighestLogTemperature = 3.5;
    private const int ForwardBatchRows = 4096;

    /// <summary>Finds T on the validation rows (in evaluation mode) by golden-section search over ln T.</summary>
    public static float Fit(MlpNetwork network, TaskObjective objective, BatchSource validation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var logits = Logits(network, validation, out var labels, out var weights);
        double Objective(double logTemperature)
        {
            using var inner = NewDisposeScope();
            using var inverse = Math.Exp(-logTemperature).ToScalar();
            // An ensemble's temperature divides each member's logits (its output layers), before they are averaged.
            var scaled = network.Spec.IsEnsemble ? EnsembleAverage.Of(logits.mul(inverse), network.Spec.EnsembleSize, network.Spec.Output) : logits.mul(inverse);
            double loss = objective.Loss(scaled, labels, weights).item<float>() * validation.Count;
            return loss + (PriorWeight * logTemperature * logTemperature);
        }

        double low = LowestLogTemperature, high = HighestLogTemperature;
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double a = high - (ratio * (high - low)), b = low + (ratio * (high - low));
        double fa = Objective(a), fb = Objective(b);
        while (high - low > 1e-3)
        {
            if (fa <= fb)
            {
                (high, b, fb) = (b, a, fa);
                a = high - (ratio * (high - low));
                fa = Objective(a);
            }
            else
            {
                (low, a, fa) = (a, b, fb);
                b = low + (ratio * (high - low));
                fb = Objective(b);
            }
        }

        double best = (low + high) / 2;
        return double.IsFinite(Objective(best)) ? (float)Math.Exp(best) : 1f;
    }

    /// <summary>
    /// The validation rows' logits, computed a batch at a time so that only the logits (not every layer's activations for
    /// every row) are held at once.
    /// </summary>
    private static Tensor Logits(MlpNetwork network, BatchSource validation, out Tensor labels, out Tensor? weights)
    {
        var logits = new List<Tensor>();
        var labelParts = new List<Tensor>();
        var weightParts = new List<Tensor>();
        for (long start = 0; start < validation.Count; start += ForwardBatchRows)
        {
            using var batchScope = NewDisposeScope();
            var (features, batchLabels, batchWeights) = validation.Slice(start, Math.Min(ForwardBatchRows, validation.Count - start));
            logits.Add(batchScope.MoveToOuter(network.MemberOutputs(features)));
            labelParts.Add(batchScope.MoveToOuter(batchLabels));
            if (batchWeights is not null)
            {
                weightParts.Add(batchScope.MoveToOuter(batchWeights));
            }
        }

        labels = cat(labelParts, 0);
        weights = weightParts.Count > 0 ? cat(weightParts, 0) : null;
        if (network.Spec.IsEnsemble)
        {
            // Members stacked within each batch: regroup every batch's member blocks into one block per member.
            int members = network.Spec.EnsembleSize;
            return cat(logits.Select(batch => batch.view(members, -1, batch.shape[^1])).ToList(), 1).reshape(-1, logits[0].shape[^1]);
        }

        return cat(logits, 0);
    }

    /// <summary>Divides the output layer's weights and bias by T, so the network's logits are z / T.</summary>
    public static void Apply(MlpNetwork network, float temperature)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var inverse = (1.0 / temperature).ToScalar();
        var output = network.Linears[^1];
        output.weight!.mul_(inverse);
        output.bias!.mul_(inverse);
    }
}
