namespace Dropout.MLNet;

/// <summary>The nonlinearity applied after every hidden layer of a DropoutMlp network.</summary>
public enum DropoutMlpActivation
{
    /// <summary>Rectified linear unit, max(0, x). The default.</summary>
    Relu,

    /// <summary>Gaussian error linear unit, x·Φ(x), in its exact (erf) form.</summary>
    Gelu,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Scaled exponential linear unit (Klambauer et al., 2017), with PyTorch's constants.</summary>
    Selu,
}
