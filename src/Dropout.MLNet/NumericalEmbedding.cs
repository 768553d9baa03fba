namespace Dropout.MLNet;

/// <summary>How each scaled feature enters the network's first layer.</summary>
public enum NumericalEmbedding
{
    /// <summary>As it is: one input per feature.</summary>
    None,

    /// <summary>
    /// Periodic embeddings, as RealMLP's PBLD (Holzmüller et al., 2024; Gorishniy et al., 2022): each feature x becomes
    /// x and a learned linear map (to 3 values) of cos(2π(w·x + b)) over 16 learned frequencies w and phases b of its own,
    /// four inputs a feature. Thresholds, bumps and seasons in one feature (a day of the year, a skewed amount) are
    /// learned in few steps. Such networks train through TorchSharp's autograd, slower than the plain path.
    /// </summary>
    Periodic,
}
