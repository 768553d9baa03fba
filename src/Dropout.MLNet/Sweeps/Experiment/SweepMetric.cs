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
}
