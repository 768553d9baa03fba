using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Inverted dropout, as <c>nn.Dropout</c>: in training mode each element is zeroed with probability p and the
/// survivors are scaled by 1/(1-p), with a fresh mask on every forward pass; in evaluation mode it is the
/// identity. The masks come from a <see cref="DropoutMaskSource"/> seeded from the network's generator, which is
/// many times faster on CPU than libtorch's sampling and has the same distribution.
/// </summary>
internal sealed class InvertedDropout : nn.Module<Tensor, Tensor>, IScheduledDropout
{
    private readonly double _rate;
    private readonly DropoutMaskSource _masks;

    public InvertedDropout(double rate, Generator generator)
        : base(nameof(InvertedDropout))
    {
        _rate = rate;
        _masks = DropoutMaskSource.SeededFrom(generator);
    }

    public double RateFactor { get; set; } = 1;

    public override Tensor forward(Tensor input)
    {
        if (!training || _rate * RateFactor == 0.0)
        {
            // A new handle on the same storage: Sequential disposes each intermediate result it is handed back.
            return input.alias();
        }

        var mask = empty(input.shape, ScalarType.Float32);
        FillMask(MemoryMarshal.Cast<byte, float>(mask.bytes));
        return input.mul(mask.to(input.dtype, input.device));
    }

    /// <summary>Draws the next mask (0 or 1/(1-p) per element), as the next training-mode forward pass would.</summary>
    public void FillMask(Span<float> mask) => _masks.FillInverted(mask, _rate * RateFactor);
}
