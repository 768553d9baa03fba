using static TorchSharp.torch;


namespace Dropout.MLNet.Network;

/// <summary>Copies a network's weights to managed arrays and back (best-epoch snapshots, export, the model's read-only view).</summary>
internal static class NetworkWeights
{
    /// <summary>
    /// The linear layers' weights; a <see cref="ScalingLayer"/>'s scales are folded into the first layer's columns
    /// (x·diag(s)·Wᵀ = x·(W·diag(s))ᵀ), so that the weights describe the network without it.
    /// </summary>
    public static LayerWeights[] Capture(MlpNetwork network)
    {
        using var scope = NewDisposeScope();
        var layers = network.Linears
            .Select(linear => new LayerWeights(
                (int)linear.in_features,
                (int)linear.out_features,
                linear.weight!.detach().cpu().data<float>().ToArray(),
                linear.bias!.detach().cpu().data<float>().ToArray()))
            .ToArray();
        if (network.Scaling is { } scaling)
        {
            var scales = scaling.Scale.detach().cpu().data<float>().ToArray();
            var weight = layers[0].Weight.ToArray();
            for (int i = 0; i < weight.Length; i++)
            {
                weight[i] *= scales[i % scales.Length];
            }

            layers[0] = new LayerWeights(layers[0].Inputs, layers[0].Outputs, weight, layers[0].Bias.ToArray());
        }

        return layers;
    }

    /// <summary>The network's periodic embedding, if it has one.</summary>
    public static EmbeddingWeights? CaptureEmbedding(MlpNetwork network) => network.Embedding is { } embedding ? EmbeddingWeights.Of(embedding) : null;

    public static void Restore(MlpNetwork network, IReadOnlyList<LayerWeights> weights, EmbeddingWeights? embedding = null)
    {
        if (network.Embedding is { } target)
        {
            (embedding ?? throw new ArgumentException("The network has a periodic embedding and no weights for it were given.", nameof(embedding))).CopyTo(target);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Captured weights hold the scales folded in (see Capture).
        network.Scaling?.Scale.fill_(1f);
        for (int i = 0; i < weights.Count; i++)
        {
            var linear = network.Linears[i];
            linear.weight!.copy_(tensor(weights[i].Weight.ToArray(), [weights[i].Outputs, weights[i].Inputs]));
            linear.bias!.copy_(tensor(weights[i].Bias.ToArray()));
        }
    }
}
