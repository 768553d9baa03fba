using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Dropout.MLNet.Orleans.Tests;

/// <summary>
/// An in-process cluster on loopback: silos, each with a sweep worker for <paramref name="study"/>, and a client; the
/// studies persist in a process-wide dictionary, or in a real Redis server (<see cref="RedisServer"/>).
/// </summary>
internal static class StudyCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string study, short silos = 3, Func<Microsoft.ML.MLContext, Dropout.MLNet.Sweeps.DropoutMlpExperiment>? experiment = null,
        bool redis = false)
    {
        var redisOptions = redis ? RedisServer.Options() : null;
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            if (redisOptions is not null)
            {
                silo.AddRedisGrainStorage(DropoutMlpStudies.StorageName, options => options.ConfigurationOptions = redisOptions.Clone());
            }
            else
            {
                silo.Services.AddGrainStorage(DropoutMlpStudies.StorageName, (provider, _) => new ProcessWideGrainStorage(provider.GetRequiredService<Serializer>()));
            }

            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5)));
        builder.ConfigureSiloHost((_, host) => host.Services.AddDropoutMlpSweepWorker(study, experiment ?? (mlContext => SweepData.Experiment(mlContext)),
            new SweepWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(100), RenewInterval = TimeSpan.FromMilliseconds(300) }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
