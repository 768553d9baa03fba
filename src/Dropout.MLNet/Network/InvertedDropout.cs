using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Inverted dropout, as <c>nn.Dropout</c>: in training mode each element is zeroed with probability p and the
/// survivors are scaled by 1/(1-p), with a fresh mask from a seeded generator on every forward pass; in
/// evaluation mode it is the identity. The mask is drawn as uniform noise compared with p, which is cheaper
/// on CPU than Bernoulli sampling and has the same distribution.
/// </summary>
internal sealed class InvertedDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _rate;
    private readonly double _scale;
    private readonly Generator _generator;

    public InvertedDropout(double rate, Generator generator)
        : base(nameof(InvertedDropout))
    {
        _rate = rate;
        _scale = 1.0 / (1.0 - rate);
        _generator = generator;
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0.0)
        {
            // A new handle on the same storage: Sequential disposes each intermediate result it is handed back.
            return input.alias();
        }

        var mask = rand(input.shape, input.dtype, input.device, generator: _generator);
        mask.ge_(_rate).mul_(_scale);
        return input.mul(mask);
    }
}
