namespace Dropout.MLNet;

/// <summary>Which kind of dropout the network trains with. Every kind is the identity in evaluation mode, so the exported model is the same plain network.</summary>
public enum DropoutKind
{
    /// <summary>Inverted dropout, as <c>nn.Dropout</c>: each unit zeroed with probability p, survivors scaled by 1/(1-p).</summary>
    Standard,

    /// <summary>Gaussian dropout (Srivastava et al., 2014): each unit multiplied by noise of mean 1 and variance p/(1-p).</summary>
    Gaussian,

    /// <summary>
    /// Alpha dropout (Klambauer et al., 2017), as <c>nn.AlphaDropout</c>: dropped units set to SELU's negative saturation
    /// value, then an affine map that keeps the mean and variance of SELU activations. Requires
    /// <see cref="DropoutMlpActivation.Selu"/>.
    /// </summary>
    Alpha,

    /// <summary>
    /// DropConnect (Wan et al., 2013): each weight (rather than each unit) dropped with probability p and the rest scaled
    /// by 1/(1-p). A layer's rate applies to the weights of the linear layer that follows it (the input rate to the first).
    /// </summary>
    DropConnect,
}
