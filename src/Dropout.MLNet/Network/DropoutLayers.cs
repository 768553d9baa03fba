using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>Creates the dropout module of a kind, or none (DropConnect lives in the linear layers).</summary>
internal static class DropoutLayers
{
    public static nn.Module<Tensor, Tensor>? Create(DropoutKind kind, float rate, Generator generator) => rate <= 0f ? null : kind switch
    {
        DropoutKind.Standard => new InvertedDropout(rate, generator),
        DropoutKind.Gaussian => new GaussianDropout(rate, generator),
        DropoutKind.Alpha => new AlphaDropout(rate, generator),
        DropoutKind.DropConnect => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown dropout kind."),
    };
}
