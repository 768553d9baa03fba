using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>The learned values of a <see cref="PeriodicEmbedding"/>, copied to managed memory (row-major, as its tensors).</summary>
internal sealed record EmbeddingWeights(int Features, float[] Frequency, float[] Phase, float[] Weight, float[] Bias)
{
    public static EmbeddingWeights Of(PeriodicEmbedding embedding)
    {
        using var scope = NewDisposeScope();
        return new(embedding.Features, Values(embedding.Frequency), Values(embedding.Phase), Values(embedding.Weight), Values(embedding.Bias));
    }

    public void CopyTo(PeriodicEmbedding embedding)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        embedding.Frequency.copy_(tensor(Frequency, [Features, PeriodicEmbedding.Frequencies]));
        embedding.Phase.copy_(tensor(Phase, [Features, PeriodicEmbedding.Frequencies]));
        embedding.Weight.copy_(tensor(Weight, [Features, PeriodicEmbedding.Frequencies, PeriodicEmbedding.Mixed]));
        embedding.Bias.copy_(tensor(Bias, [Features, PeriodicEmbedding.Mixed]));
    }

    private static float[] Values(Tensor tensor) => tensor.detach().cpu().data<float>().ToArray();
}
