using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The max-norm constraint of Srivastava et al. (2014): after an optimizer step, every hidden unit whose incoming
/// weight vector (a row of its layer's weight matrix) is longer than c in L2 norm is scaled back onto the ball of radius c.
/// </summary>
internal sealed class MaxNormConstraint
{
    private readonly IReadOnlyList<float> _norms;

    public MaxNormConstraint(IReadOnlyList<float> norms) => _norms = norms;

    public void Apply(MlpNetwork network)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int layer = 0; layer < _norms.Count; layer++)
        {
            if (float.IsPositiveInfinity(_norms[layer]))
            {
                continue;
            }

            using var limit = ((double)_norms[layer]).ToScalar();
            var weight = network.Linears[layer].weight!;

            // min(1, c / ‖row‖) for every row: rows inside the ball are left as they are.
            var factor = weight.norm(1, keepdim: true).clamp_min(limit).reciprocal().mul_(limit);
            weight.mul_(factor);
        }
    }
}
