using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Gaussian dropout (Srivastava et al., 2014, section 10): in training each element is multiplied by 1 + σε with ε
/// standard normal and σ² = p/(1-p), the variance of inverted dropout's multiplier, so the mean is kept; in evaluation
/// it is the identity.
/// </summary>
internal sealed class GaussianDropout : nn.Module<Tensor, Tensor>, IScheduledDropout
{
    private readonly double _rate;
    private readonly Generator _generator;

    public GaussianDropout(double rate, Generator generator)
        : base(nameof(GaussianDropout))
    {
        _rate = rate;
        _generator = generator;
    }

    public double RateFactor { get; set; } = 1;

    public override Tensor forward(Tensor input)
    {
        double rate = _rate * RateFactor;
        if (!training || rate == 0.0)
        {
            return input.alias();
        }

        using var deviation = Math.Sqrt(rate / (1.0 - rate)).ToScalar();
        using var one = 1.0.ToScalar();
        var noise = randn(input.shape, input.dtype, input.device, generator: _generator).mul_(deviation).add_(one, one);
        return input.mul(noise);
    }
}
