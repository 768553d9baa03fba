using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Monte Carlo dropout's passes over one batch: the network (in training mode, so its dropout is active) run T times,
/// and the mean and variance of the passes' values, in float64. Each pass is freed before the next, so memory holds one
/// pass's activations whatever T is.
/// </summary>
internal static class DropoutPasses
{
    /// <summary>
    /// The mean and (population) variance over <paramref name="passes"/> passes of <paramref name="read"/>(outputs). An
    /// ensemble's pass gives each member's outputs under masks of its own: each member of each pass is one draw, so the
    /// spread holds both the masks' and the members' disagreement.
    /// </summary>
    public static (Tensor Mean, Tensor Variance) Moments(MlpNetwork network, Tensor input, int passes, Func<Tensor, Tensor> read)
    {
        int members = network.Spec.EnsembleSize;
        using var one = 1.0.ToScalar();
        using var zero = 0.0.ToScalar();
        using var count = ((double)passes * members).ToScalar();
        Tensor? sum = null;
        Tensor? squares = null;
        for (int pass = 0; pass < passes; pass++)
        {
            using var passScope = NewDisposeScope();
            var values = read(network.forward(input)).to_type(ScalarType.Float64);
            Tensor drawSquares;
            if (members > 1)
            {
                var draws = values.view([members, values.shape[0] / members, .. values.shape[1..]]);
                values = draws.sum([0]);
                drawSquares = draws.square().sum([0]);
            }
            else
            {
                drawSquares = values.square();
            }

            if (sum is null || squares is null)
            {
                sum = passScope.MoveToOuter(values.clone());
                squares = passScope.MoveToOuter(drawSquares);
            }
            else
            {
                sum.add_(values, one);
                squares.add_(drawSquares, one);
            }
        }

        var mean = sum!.div(count);
        return (mean, squares!.div(count).sub_(mean.square()).clamp_min_(zero));
    }
}
