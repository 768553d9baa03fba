using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// A linear layer with DropConnect (Wan et al., 2013): in training each weight is zeroed with probability p and the
/// rest are scaled by 1/(1-p), with a fresh mask every forward pass (shared by the rows of a batch); in evaluation it is
/// the plain linear layer, whose weights are what the model exports.
/// </summary>
internal sealed class DropConnectLinear : nn.Module<Tensor, Tensor>, IScheduledDropout
{
    private readonly Linear _linear;
    private readonly double _rate;
    private readonly DropoutMaskSource _masks;

    public DropConnectLinear(Linear linear, double rate, Generator generator)
        : base(nameof(DropConnectLinear))
    {
        _linear = linear;
        _rate = rate;
        _masks = DropoutMaskSource.SeededFrom(generator);
        register_module("linear", _linear);
    }

    public double RateFactor { get; set; } = 1;

    public override Tensor forward(Tensor input)
    {
        if (!training || _rate * RateFactor == 0.0)
        {
            return _linear.forward(input);
        }

        var mask = empty(_linear.weight!.shape, ScalarType.Float32);
        _masks.FillInverted(MemoryMarshal.Cast<byte, float>(mask.bytes), _rate * RateFactor);
        return nn.functional.linear(input, _linear.weight!.mul(mask), _linear.bias);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _linear.Dispose();
        }

        base.Dispose(disposing);
    }
}
