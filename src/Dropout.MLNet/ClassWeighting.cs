namespace Dropout.MLNet;

/// <summary>How the classes of the training rows weigh in the loss (classification only).</summary>
public enum ClassWeighting
{
    /// <summary>Every row weighs the same (times its example weight, if any).</summary>
    None,

    /// <summary>
    /// Each class weighs the same in all: a row of class c weighs n / (k · n_c), n rows and k classes, n_c of class c
    /// (as scikit-learn's <c>class_weight="balanced"</c>). A rare class then moves the network as much as a common one:
    /// its recall rises, the common classes' precision falls, and accuracy on data shaped as the training rows usually
    /// falls a little. The validation loss, early stopping and calibration stay unweighted.
    /// </summary>
    Balanced,
}
