namespace Dropout.MLNet;

/// <summary>The loss a regression network is trained on (of the label standardized inside the model).</summary>
public enum RegressionLoss
{
    /// <summary>The mean squared error, as PyTorch's <c>MSELoss</c>: the network predicts the conditional mean.</summary>
    SquaredError,

    /// <summary>
    /// The Huber loss, as PyTorch's <c>HuberLoss</c>: squared within <see cref="DropoutMlpRegressionTrainer.Options.HuberDelta"/>
    /// standard deviations of the label, linear beyond, so a few outlying labels pull the fit less.
    /// </summary>
    Huber,
}
