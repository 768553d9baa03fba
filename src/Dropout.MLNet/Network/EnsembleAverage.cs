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
}
