using static TorchSharp.torch;


namespace Dropout.MLNet.Network;

/// <summary>Copies a network's weights to managed arrays and back (best-epoch snapshots, export, the model's read-only view).</summary>
internal static class NetworkWeights
{
    /// <summary>
    /// The linear layers' weights; a <see cref="ScalingLayer"/>'s scales are folded into the first layer's columns
    /// (x·diag(s)·Wᵀ = x·(W·diag(s))ᵀ), and then a <see cref="CategoryEmbedding"/>'s table (a category's slot l gets the
    /// column W_c·T[l], W_c the columns its vector enters), so that the weights describe the network without either.
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

        if (network.Categories is { } categories)
        {
            layers[0] = FoldCategories(network.Spec, categories, layers[0]);
        }

        return layers;
    }

    /// <summary>The values of every parameter of <paramref name="network"/>, in its order (a best epoch's copy, restored by <see cref="RestoreSnapshot"/>).</summary>
    public static float[][] Snapshot(MlpNetwork network)
    {
        using var scope = NewDisposeScope();
        return [.. network.parameters().Select(parameter => parameter.detach().cpu().data<float>().ToArray())];
    }

    public static void RestoreSnapshot(MlpNetwork network, float[][] snapshot)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (parameter, values) in network.parameters().Zip(snapshot))
        {
            parameter.copy_(tensor(values, parameter.shape));
        }
    }

    /// <summary>The first layer over the one-hot slots: each kept input's column as it is, each category slot's the table's row mapped through its vector's columns.</summary>
    private static LayerWeights FoldCategories(NetworkSpec spec, CategoryEmbedding categories, LayerWeights first)
    {
        using var scope = NewDisposeScope();
        var table = categories.Table.detach().cpu().data<float>().ToArray();
        int size = spec.CategoryEmbeddingSize, inputs = spec.NetworkInputs, units = first.Outputs;
        var source = first.Weight.ToArray().AsSpan();
        var weight = new float[units * inputs];
        for (int unit = 0; unit < units; unit++)
        {
            var from = source.Slice(unit * first.Inputs, first.Inputs);
            var to = weight.AsSpan(unit * inputs, inputs);
            for (int j = 0; j < categories.Kept.Count; j++)
            {
                to[categories.Kept[j]] = from[j];
            }

            int column = categories.Kept.Count, row = 0;
            foreach (var category in spec.Categories)
            {
                var vectorWeights = from.Slice(column, size);
                for (int level = 0; level < category.Levels; level++)
                {
                    float sum = 0f;
                    var vector = table.AsSpan((row + level) * size, size);
                    for (int k = 0; k < size; k++)
                    {
                        sum += vectorWeights[k] * vector[k];
                    }

                    to[category.Start + level] = sum;
                }

                column += size;
                row += category.Levels;
            }
        }

        return new LayerWeights(inputs, units, weight, first.Bias.ToArray());
    }

    /// <summary>The network's periodic embedding, if it has one.</summary>
    public static EmbeddingWeights? CaptureEmbedding(MlpNetwork network) => network.Embedding is { } embedding ? EmbeddingWeights.Of(embedding) : null;

    /// <summary>An ensemble's members' input scales, [k, n] row-major, if the network is one.</summary>
    public static float[]? CaptureEnsembleScales(MlpNetwork network)
    {
        using var scope = NewDisposeScope();
        return network.Ensemble?.Scales.detach().cpu().data<float>().ToArray();
    }

    public static void Restore(MlpNetwork network, IReadOnlyList<LayerWeights> weights, EmbeddingWeights? embedding = null, float[]? ensembleScales = null)
    {
        if (network.Ensemble is { } ensemble)
        {
            using var ensembleScope = NewDisposeScope();
            using var noGradient = no_grad();
            ensemble.Scales.copy_(tensor(ensembleScales ?? throw new ArgumentException("The network is an ensemble and no member scales were given.", nameof(ensembleScales)), ensemble.Scales.shape));
        }

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
