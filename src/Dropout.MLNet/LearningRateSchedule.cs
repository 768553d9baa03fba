namespace Dropout.MLNet;

/// <summary>How the learning rate changes over training (the rate given is the largest).</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate for every step.</summary>
    Constant,

    /// <summary>
    /// Cosine annealing (Loshchilov and Hutter, 2017) over <see cref="DropoutMlpOptionsBase.MaximumNumberOfEpochs"/>, in
    /// <see cref="DropoutMlpOptionsBase.LearningRateCycles"/> cycles: each cycle falls from the rate to zero along a half
    /// cosine, step by step, and the next starts at the rate again (warm restarts). With early stopping the best epoch's
    /// weights are kept, which are often those at the end of a cycle.
    /// </summary>
    Cosine,
}
