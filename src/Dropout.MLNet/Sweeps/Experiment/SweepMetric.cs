namespace Dropout.MLNet.Sweeps;

/// <summary>The metric a sweep optimizes, named as ML.NET's evaluation metrics name it.</summary>
public enum SweepMetric
{
    /// <summary>Multiclass: the share of rows predicted right (maximized).</summary>
    MicroAccuracy,

    /// <summary>Multiclass: the mean over classes of the share of each class's rows predicted right (maximized).</summary>
    MacroAccuracy,

    /// <summary>Multiclass and binary: the mean negative log-probability of the true class (minimized).</summary>
    LogLoss,

    /// <summary>Binary: the share of rows predicted right (maximized).</summary>
    Accuracy,

    /// <summary>Binary: the area under the ROC curve of the score (maximized).</summary>
    AreaUnderRocCurve,

    /// <summary>Binary: the harmonic mean of precision and recall of the positive class (maximized).</summary>
    F1Score,

    /// <summary>Regression: the share of the label's variance the model explains, 1 − MSE / variance (maximized; the default).</summary>
    RSquared,

    /// <summary>Regression: the mean absolute difference between the prediction and the label (minimized).</summary>
    MeanAbsoluteError,

    /// <summary>Regression: the square root of the mean squared difference between the prediction and the label (minimized).</summary>
    RootMeanSquaredError,

    /// <summary>Regression: the mean squared difference between the prediction and the label (minimized).</summary>
    MeanSquaredError,
}
