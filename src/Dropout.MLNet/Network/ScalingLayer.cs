using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// RealMLP's scaling layer (Holzmüller et al., 2024): a learned scale for each input of the first linear layer, starting
/// at 1, so that training can turn a feature up or down with one number instead of a column of weights. It is linear
/// and comes right before the first layer, so the model keeps it folded into that layer's weights
/// (<see cref="NetworkWeights.Capture"/>): the export and Monte Carlo dropout see a plain layer.
/// </summary>
internal sealed class ScalingLayer : nn.Module<Tensor, Tensor>
{
    public ScalingLayer(int inputs)
        : base(nameof(ScalingLayer))
    {
        Scale = nn.Parameter(ones(inputs));
        register_parameter("scale", Scale);
    }

    /// <summary>The scales, one per input of the first layer.</summary>
    public Parameter Scale { get; }

    public override Tensor forward(Tensor input) => input.mul(Scale);
}
