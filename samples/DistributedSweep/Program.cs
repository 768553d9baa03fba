using System.Net;
using DistributedSweep;
using Dropout.MLNet;
using Dropout.MLNet.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

// One machine, several processes (the same code on several machines needs a real clustering provider; see README):
//   dotnet run --project samples/DistributedSweep -- silo 0      the first silo (it also runs trials)
//   dotnet run --project samples/DistributedSweep -- silo 1      more silos, each a worker
//   dotnet run --project samples/DistributedSweep -- sweep 12    the sweep's client: 12 trials, then the best refit here
// The study lives in the first silo's memory, lost with it; with DROPOUT_MLNET_REDIS=host:port set for the silos it
// lives in that Redis server, and a study whose silo dies goes on in another, losing no finished trial.
string mode = args.FirstOrDefault() ?? "sweep";
int number = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : mode == "silo" ? 0 : 12;
const int SiloPort = 11111, GatewayPort = 30000;

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (mode == "silo")
{
    var redis = Environment.GetEnvironmentVariable("DROPOUT_MLNET_REDIS");
    builder.UseOrleans(silo =>
    {
        silo.UseLocalhostClustering(SiloPort + number, GatewayPort + number, new IPEndPoint(IPAddress.Loopback, SiloPort));
        if (redis is { Length: > 0 })
        {
            silo.AddRedisGrainStorage(DropoutMlpStudies.StorageName, options => options.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
        }
        else
        {
            silo.AddMemoryGrainStorage(DropoutMlpStudies.StorageName);
        }
    });
    builder.Services.AddDropoutMlpSweepWorker(PenguinsSweep.Study, PenguinsSweep.Experiment);
    Console.WriteLine($"Silo {number} is up and works for the study '{PenguinsSweep.Study}', kept {(redis is { Length: > 0 } ? $"in Redis at {redis}" : "in memory")}; Ctrl+C stops it.");
    await builder.Build().RunAsync();
    return;
}

builder.UseOrleansClient(client => client.UseLocalhostClustering(GatewayPort));
using var host = builder.Build();
await host.StartAsync();
var mlContext = new MLContext(seed: 0).UsePrivateTempFolder();
var result = PenguinsSweep.Experiment(mlContext)
    .SetExecutor(host.Services.GetRequiredService<IClusterClient>(), PenguinsSweep.Study)
    .SetMaxTrials(number)
    .SetProgress(trial => Console.WriteLine($"trial {trial.TrialId,2}: {trial.Parameter} -> {trial.Status} {trial.Metric:F4}"))
    .Run();
Console.WriteLine($"Best: trial {result.BestTrial.TrialId}, {result.BestParameter}, log-loss {result.BestTrial.Metric:F4}; refit here on all the rows.");
await host.StopAsync();
