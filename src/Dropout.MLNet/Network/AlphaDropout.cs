using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Alpha dropout (Klambauer et al., 2017), as <c>nn.AlphaDropout</c>: in training each element is replaced, with
/// probability p, by α' = -λα (SELU's negative saturation value), and the result is mapped by a·x + b with
/// a = ((1-p)(1 + pα'²))^(-1/2) and b = -a·p·α', which keeps zero mean and unit variance of SELU activations;
/// in evaluation it is the identity.
/// </summary>
internal sealed class AlphaDropout : nn.Module<Tensor, Tensor>
{
    /// <summary>-λα of SELU.</summary>
    public const double SaturationValue = -1.0507009873554804934193349852946 * 1.6732632423543772848170429916717;

    private readonly double _rate;
    private readonly double _scale;
    private readonly double _shift;
    private readonly DropoutMaskSource _masks;

    public AlphaDropout(double rate, Generator generator)
        : base(nameof(AlphaDropout))
    {
        _rate = rate;
        _scale = Math.Pow((1 - rate) * (1 + (rate * SaturationValue * SaturationValue)), -0.5);
        _shift = -_scale * rate * SaturationValue;
        _masks = DropoutMaskSource.SeededFrom(generator);
    }

    public override Tensor forward(Tensor input)
    {
        if (!training)
        {
            return input.alias();
        }

        // keep: 1 for a kept element, 0 for a dropped one (the inverted mask times 1-p).
        var keep = empty(input.shape, ScalarType.Float32);
        _masks.FillInverted(MemoryMarshal.Cast<byte, float>(keep.bytes), _rate);
        using var keptShare = (1 - _rate).ToScalar();
        using var scale = _scale.ToScalar();
        using var minusDroppedValue = (-_scale * SaturationValue).ToScalar();
        using var droppedOutput = ((_scale * SaturationValue) + _shift).ToScalar();
        using var one = 1.0.ToScalar();
        keep.mul_(keptShare);

        // a·(x·keep + α'·(1-keep)) + b  =  keep·(a·x - a·α') + (a·α' + b); every add passes its alpha explicitly.
        var kept = input.mul(scale).add(minusDroppedValue, one).mul(keep);
        return kept.add(droppedOutput, one);
    }
}
