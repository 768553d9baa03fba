using Dropout.MLNet.Training;

namespace Dropout.MLNet.Tests.Training;

/// <summary>The learning-rate and dropout schedules' factors, step by step.</summary>
[TestClass]
public sealed class TrainingScheduleTests
{
    [TestMethod]
    public void Cosine_FallsFromOneToZero_AndRestartsEachCycle()
    {
        var schedule = new TrainingSchedule(new DropoutMlpMulticlassTrainer.Options
        {
            LearningRateSchedule = LearningRateSchedule.Cosine,
            LearningRateCycles = 2,
        }, epochs: 10, stepsPerEpoch: 10);

        Assert.AreEqual(1, schedule.LearningRateFactor(0), 1e-12);
        Assert.AreEqual(0.5, schedule.LearningRateFactor(25), 1e-12, "half way through the first cycle");
        Assert.AreEqual(0.5 * (1 + Math.Cos(Math.PI * 49 / 50)), schedule.LearningRateFactor(49), 1e-12, "the first cycle's last step");
        Assert.AreEqual(1, schedule.LearningRateFactor(50), 1e-12, "the second cycle starts at the full rate");
        Assert.IsLessThan(0.001, schedule.LearningRateFactor(99));
        Assert.AreEqual(1, schedule.DropoutFactor(99), "the dropout schedule is constant");
    }

    [TestMethod]
    public void FlatCosine_KeepsTheRatesForHalfTheEpochs_ThenFallsToZero()
    {
        var schedule = new TrainingSchedule(new DropoutMlpRegressionTrainer.Options { DropoutSchedule = DropoutSchedule.FlatCosine },
            epochs: 4, stepsPerEpoch: 25);

        Assert.AreEqual(1, schedule.DropoutFactor(0));
        Assert.AreEqual(1, schedule.DropoutFactor(49));
        Assert.AreEqual(0.5, schedule.DropoutFactor(75), 1e-12, "three quarters through: half way down the cosine");
        Assert.IsLessThan(0.001, schedule.DropoutFactor(99));
        Assert.AreEqual(1, schedule.LearningRateFactor(75), "the learning rate is constant");
        Assert.IsFalse(schedule.IsConstant);
    }

    [TestMethod]
    public void ConstantSchedules_SetNothing()
    {
        var schedule = new TrainingSchedule(new DropoutMlpBinaryTrainer.Options(), epochs: 100, stepsPerEpoch: 3);

        Assert.IsTrue(schedule.IsConstant);
        Assert.AreEqual(1, schedule.LearningRateFactor(7));
        Assert.AreEqual(1, schedule.DropoutFactor(7));
    }
}
