using Dropout.MLNet.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Dropout.MLNet.Orleans;

/// <summary>Registers sweep workers on a host (a silo, or a client of the cluster).</summary>
public static class SweepWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Runs the trials of the study <paramref name="study"/> on this host. <paramref name="experiment"/> builds the same
    /// experiment as the sweep's client (pipeline, data loaded on this machine, metric); the search space, tuner, budget
    /// and pruner come from the study.
    /// </summary>
    /// <param name="services">The host's services (they must provide an <see cref="IGrainFactory"/>: a silo or a cluster client).</param>
    /// <param name="study">The study's name, as the client's <c>SetExecutor(client, study)</c>.</param>
    /// <param name="experiment">Builds the experiment from an <see cref="MLContext"/>.</param>
    /// <param name="options">Polling and renewal, or the defaults.</param>
    /// <returns>The services.</returns>
    /// <example>
    /// <code>
    /// builder.UseOrleans(silo => silo.AddAdoNetGrainStorage(DropoutMlpStudies.StorageName, ...));
    /// builder.Services.AddDropoutMlpSweepWorker("penguins", mlContext => mlContext.DropoutMlpSweeps().CreateExperiment()
    ///     .SetPipeline(Pipeline(mlContext)).SetDataset(LoadData(mlContext), fold: 5).SetMetric(SweepMetric.MacroAccuracy));
    /// </code>
    /// </example>
    public static IServiceCollection AddDropoutMlpSweepWorker(this IServiceCollection services, string study,
        Func<MLContext, DropoutMlpExperiment> experiment, SweepWorkerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(study);
        ArgumentNullException.ThrowIfNull(experiment);
        // Not AddHostedService: it keeps one registration per type, and a host may work for several studies.
        return services.AddSingleton<IHostedService>(provider => new DropoutMlpSweepWorker(provider.GetRequiredService<IGrainFactory>(), study, experiment,
            options ?? new SweepWorkerOptions(), provider.GetRequiredService<ILoggerFactory>().CreateLogger<DropoutMlpSweepWorker>()));
    }
}
