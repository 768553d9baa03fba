using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Orleans;

/// <summary>Runs a <see cref="DropoutMlpExperiment"/> on an Orleans cluster.</summary>
public static class OrleansExperimentExtensions
{
    /// <summary>
    /// Runs the experiment's trials on the cluster's workers (hosts that called <c>AddDropoutMlpSweepWorker</c> with the
    /// same <paramref name="study"/> name) instead of in this process. The study lives in a grain, persisted in the
    /// <see cref="DropoutMlpStudies.StorageName"/> grain storage: running the same experiment again on the same name
    /// continues it. The best hyperparameters are refit here, on this process's data.
    /// </summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="grains">The cluster client (or a silo's grain factory).</param>
    /// <param name="study">The study's name.</param>
    /// <param name="lease">How long a trial may go without a report from its worker before another worker runs it; default 5 minutes.</param>
    /// <returns>The experiment.</returns>
    public static DropoutMlpExperiment SetExecutor(this DropoutMlpExperiment experiment, IGrainFactory grains, string study, TimeSpan? lease = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(study);
        return experiment.SetExecutor(new OrleansSweepExecutor(grains, study, lease ?? TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(250)));
    }
}
