namespace Dropout.MLNet;

/// <summary>How the dropout rates change over training (the rates given are the largest).</summary>
public enum DropoutSchedule
{
    /// <summary>The same rates for every step.</summary>
    Constant,

    /// <summary>
    /// Flat, then cosine, as RealMLP's "flat_cos" (Holzmüller et al., 2024): the full rates for the first half of
    /// <see cref="DropoutMlpOptionsBase.MaximumNumberOfEpochs"/>, then falling along a half cosine to zero at the last
    /// epoch, so that the network ends its training on nearly the network it predicts with. Monte Carlo dropout still
    /// draws at the full rates.
    /// </summary>
    FlatCosine,
}
