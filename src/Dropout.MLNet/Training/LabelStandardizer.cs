using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// A regression label's standardization: the network learns (y − mean) / deviation, with the training rows' mean and
/// standard deviation, so that the initialization, the learning rate and the Huber threshold mean the same whatever the
/// label's unit; after training, the scale is folded into the output layer (W·deviation, b·deviation + mean), so the
/// network, its ONNX export and Monte Carlo dropout all predict in the label's unit.
/// </summary>
internal sealed class LabelStandardizer
{
    private LabelStandardizer(double mean, double deviation)
    {
        Mean = mean;
        Deviation = deviation;
    }

    public double Mean { get; }

    public double Deviation { get; }

    /// <summary>The mean and standard deviation of the rows' labels (a constant label is refused before this).</summary>
    public static LabelStandardizer Fit(TrainingRows rows)
    {
        double mean = 0, deviations = 0;
        var labels = rows.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            double delta = labels[i] - mean;
            mean += delta / (i + 1);
            deviations += delta * (labels[i] - mean);
        }

        double deviation = Math.Sqrt(deviations / labels.Length);
        return new LabelStandardizer(mean, deviation > 0 ? deviation : 1);
    }

    public void ApplyInPlace(TrainingRows rows)
    {
        var labels = rows.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (float)((labels[i] - Mean) / Deviation);
        }
    }

    /// <summary>Makes the network's output y·deviation + mean.</summary>
    public void FoldInto(MlpNetwork network)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var deviation = Deviation.ToScalar();
        using var mean = Mean.ToScalar();
        using var one = 1.0.ToScalar();
        var output = network.Linears[^1];
        output.weight!.mul_(deviation);
        output.bias!.mul_(deviation).add_(mean, one);
    }
}
