namespace Dropout.MLNet;

/// <summary>What early stopping watches on the validation rows, and what picks the epoch whose weights are kept.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>The validation log-loss (lower is better): the model whose probabilities fit best.</summary>
    ValidationLoss,

    /// <summary>
    /// The validation accuracy (higher is better), as Keras' <c>monitor="val_accuracy"</c> and skorch's
    /// <c>monitor="valid_acc"</c>: a network's loss can rise from overconfidence while its accuracy still improves,
    /// so when accuracy is what counts this trains on longer. Temperature scaling still calibrates the probabilities.
    /// </summary>
    ValidationAccuracy,
}
