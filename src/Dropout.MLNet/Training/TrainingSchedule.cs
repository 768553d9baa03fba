namespace Dropout.MLNet.Training;

/// <summary>
/// The factors the learning rate and the dropout rates are multiplied by at each optimizer step, from the options'
/// schedules over the fit's <paramref name="epochs"/> epochs (<see cref="DropoutMlpOptionsBase.ResolvedEpochs"/>) of
/// <paramref name="stepsPerEpoch"/> steps. Early stopping may end training before the schedule's end; the factors do not
/// depend on it.
/// </summary>
internal sealed class TrainingSchedule(DropoutMlpOptionsBase options, int epochs, int stepsPerEpoch)
{
    private readonly long _totalSteps = (long)epochs * stepsPerEpoch;

    /// <summary>Whether every factor is 1 at every step (nothing to set).</summary>
    public bool IsConstant => options.LearningRateSchedule == LearningRateSchedule.Constant && options.DropoutSchedule == DropoutSchedule.Constant;

    /// <summary>The learning rate's factor at step <paramref name="step"/> (from 0).</summary>
    public double LearningRateFactor(long step)
    {
        if (options.LearningRateSchedule == LearningRateSchedule.Constant)
        {
            return 1;
        }

        // Cycles of equal length; within one, t runs from 0 at its first step toward 1 at its last.
        double cycleLength = (double)_totalSteps / options.LearningRateCycles;
        double t = (step % cycleLength) / cycleLength;
        return 0.5 * (1 + Math.Cos(Math.PI * t));
    }

    /// <summary>The dropout rates' factor at step <paramref name="step"/> (from 0).</summary>
    public double DropoutFactor(long step)
    {
        if (options.DropoutSchedule == DropoutSchedule.Constant)
        {
            return 1;
        }

        double t = (double)step / _totalSteps;
        return t < 0.5 ? 1 : 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, (t - 0.5) * 2)));
    }
}
