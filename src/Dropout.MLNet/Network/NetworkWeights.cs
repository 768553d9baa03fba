using static TorchSharp.torch;


namespace Dropout.MLNet.Network;

/// <summary>Copies a network's weights to managed arrays and back (best-epoch snapshots, export, the model's read-only view).</summary>
internal static class NetworkWeights
{
    public static LayerWeights[] Capture(MlpNetwork network)
    {
        using var scope = NewDisposeScope();
        return network.Linears
            .Select(linear => new LayerWeights(
                (int)linear.in_features,
                (int)linear.out_features,
                linear.weight!.detach().cpu().data<float>().ToArray(),
                linear.bias!.detach().cpu().data<float>().ToArray()))
            .ToArray();
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
        for (int i = 0; i < weights.Count; i++)
        {
            var linear = network.Linears[i];
            linear.weight!.copy_(tensor(weights[i].Weight.ToArray(), [weights[i].Outputs, weights[i].Inputs]));
            linear.bias!.copy_(tensor(weights[i].Bias.ToArray()));
        }
    }
}
