using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Gaussian dropout (Srivastava et al., 2014, section 10): in training each element is multiplied by 1 + σε with ε
/// standard normal and σ² = p/(1-p), the variance of inverted dropout's multiplier, so the mean is kept; in evaluation
/// it is the identity.
/// </summary>
internal sealed class GaussianDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _deviation;
    private readonly Generator _generator;

    public GaussianDropout(double rate, Generator generator)
        : base(nameof(GaussianDropout))
    {
        _deviation = Math.Sqrt(rate / (1.0 - rate));
        _generator = generator;
    }

    public override Tensor forward(Tensor input)
    {
        if (!training)
        {
            return input.alias();
        }

        using var deviation = _deviation.ToScalar();
        using var one = 1.0.ToScalar();
        var noise = randn(input.shape, input.dtype, input.device, generator: _generator).mul_(deviation).add_(one, one);
        return input.mul(noise);
    }
}
