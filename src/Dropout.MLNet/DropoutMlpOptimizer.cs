namespace Dropout.MLNet;

/// <summary>The gradient-descent method that updates the network's weights.</summary>
public enum DropoutMlpOptimizer
{
    /// <summary>Adam (Kingma and Ba, 2015) with β₁ = 0.9, β₂ = 0.999. The default.</summary>
    Adam,

    /// <summary>Stochastic gradient descent with (heavy-ball) momentum.</summary>
    Sgd,
}
