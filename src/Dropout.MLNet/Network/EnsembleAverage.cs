using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// The prediction of an ensemble from its members' outputs, stacked member after member ([k·rows, outputs]): values
/// averaged, probabilities averaged and turned back into logits (as TabM and RealMLP's ensembles average probabilities,
/// not logits), so the rest of the model (calibration, the ML.NET head) reads logits as from one network.
/// </summary>
internal static class EnsembleAverage
{
    public static Tensor Of(Tensor members, int size, NetworkOutput output)
    {
        using var scope = NewDisposeScope();
        var stacked = members.view(size, -1, members.shape[^1]);
        using var count = Math.Log(size).ToScalar();
        var average = output switch
        {
            NetworkOutput.Values => stacked.mean([0]),
            // log mean softmax = logsumexp over members of log softmax − log k.
            NetworkOutput.ClassLogits => stacked.log_softmax(-1).logsumexp(0).sub(count),
            // logit(mean σ(z)) = log mean σ(z) − log mean σ(−z), each a logsumexp of log-sigmoids (log k cancels).
            _ => nn.functional.logsigmoid(stacked).logsumexp(0).sub(nn.functional.logsigmoid(stacked.neg()).logsumexp(0)),
        };
        return average.MoveToOuterDisposeScope();
    }

    /// <summary>The same average of members held in managed memory ([k·rows, outputs] into [rows, outputs]), in float64.</summary>
    public static void Of(ReadOnlySpan<float> members, int size, NetworkOutput output, Span<float> average, int outputs)
    {
        int rows = average.Length / outputs;
        Span<double> memberTerms = stackalloc double[size];
        Span<double> logNormalizers = stackalloc double[size];
        for (int row = 0; row < rows; row++)
        {
            if (output == NetworkOutput.ClassLogits)
            {
                for (int member = 0; member < size; member++)
                {
                    var logits = members.Slice(((member * rows) + row) * outputs, outputs);
                    double max = double.NegativeInfinity, sum = 0;
                    foreach (float logit in logits)
                    {
                        max = Math.Max(max, logit);
                    }

                    foreach (float logit in logits)
                    {
                        sum += Math.Exp(logit - max);
                    }

                    logNormalizers[member] = max + Math.Log(sum);
                }
            }

            for (int c = 0; c < outputs; c++)
            {
                for (int member = 0; member < size; member++)
                {
                    memberTerms[member] = members[(((member * rows) + row) * outputs) + c];
                }

                average[(row * outputs) + c] = (float)(output switch
                {
                    NetworkOutput.Values => Mean(memberTerms),
                    NetworkOutput.ClassLogits => LogMeanExp(memberTerms, logNormalizers),
                    _ => LogitOfMeanProbability(memberTerms),
                });
            }
        }
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>log mean exp(z_i − n_i): a class's log mean probability over members with log-normalizers n.</summary>
    private static double LogMeanExp(ReadOnlySpan<double> logits, ReadOnlySpan<double> logNormalizers)
    {
        double max = double.NegativeInfinity, sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            max = Math.Max(max, logits[i] - logNormalizers[i]);
        }

        for (int i = 0; i < logits.Length; i++)
        {
            sum += Math.Exp(logits[i] - logNormalizers[i] - max);
        }

        return max + Math.Log(sum / logits.Length);
    }

    /// <summary>logit(mean σ(z)) = log Σ σ(z) − log Σ σ(−z), each from log σ(z) = −softplus(−z).</summary>
    private static double LogitOfMeanProbability(ReadOnlySpan<double> logits) => LogSumSigmoid(logits, 1) - LogSumSigmoid(logits, -1);

    /// <summary>log Σ σ(sign·z), by a log-sum-exp of log-sigmoids.</summary>
    private static double LogSumSigmoid(ReadOnlySpan<double> logits, double sign)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (double z in logits)
        {
            max = Math.Max(max, LogSigmoid(sign * z));
        }

        foreach (double z in logits)
        {
            sum += Math.Exp(LogSigmoid(sign * z) - max);
        }

        return max + Math.Log(sum);
    }

    private static double LogSigmoid(double z) => -(Math.Max(-z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))));
}
