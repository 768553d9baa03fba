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
internal sealed class AlphaDropout : nn.Module<Tensor, Tensor>, IScheduledDropout
{
    /// <summary>-λα of SELU.</summary>
    public const double SaturationValue = -1.0507009873554804934193349852946 * 1.6732632423543772848170429916717;

    private readonly double _rate;
    private readonly DropoutMaskSource _masks;

    public AlphaDropout(double rate, Generator generator)
        : base(nameof(AlphaDropout))
    {
        _rate = rate;
        _masks = DropoutMaskSource.SeededFrom(generator);
    }

    public double RateFactor { get; set; } = 1;

    public override Tensor forward(Tensor input)
    {
        double rate = _rate * RateFactor;
        if (!training || rate == 0.0)
        {
            return input.alias();
        }

        double a = Math.Pow((1 - rate) * (1 + (rate * SaturationValue * SaturationValue)), -0.5);
        double b = -a * rate * SaturationValue;

        // keep: 1 for a kept element, 0 for a dropped one (the inverted mask times 1-p).
        var keep = empty(input.shape, ScalarType.Float32);
        _masks.FillInverted(MemoryMarshal.Cast<byte, float>(keep.bytes), rate);
        using var keptShare = (1 - rate).ToScalar();
        using var scale = a.ToScalar();
        using var minusDroppedValue = (-a * SaturationValue).ToScalar();
        using var droppedOutput = ((a * SaturationValue) + b).ToScalar();
        using var one = 1.0.ToScalar();
        keep.mul_(keptShare);

        // a·(x·keep + α'·(1-keep)) + b  =  keep·(a·x - a·α') + (a·α' + b); every add passes its alpha explicitly.
        var kept = input.mul(scale).add(minusDroppedValue, one).mul(keep);
        return kept.add(droppedOutput, one);
    }
}
