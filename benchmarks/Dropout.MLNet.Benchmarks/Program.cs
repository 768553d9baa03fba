using System.Globalization;
using Dropout.MLNet.Benchmarks;
using Microsoft.ML;

// Usage: dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- [--smoke] [--dropout 0.2] [--epochs 5] [--threads 2] [--data DIR]
// Prints the per-epoch training time, the test accuracy and the peak working set of one Fashion-MNIST run.
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
bool smoke = args.Contains("--smoke");
float dropout = float.Parse(Option("--dropout", "0.2"), CultureInfo.InvariantCulture);
int epochs = int.Parse(Option("--epochs", smoke ? "1" : "5"), CultureInfo.InvariantCulture);
int threads = int.Parse(Option("--threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var mlContext = new MLContext(seed: 0);
var (train, test) = smoke ? FashionMnist.Synthetic(mlContext, 512) : FashionMnist.Load(mlContext, Option("--data", FashionMnist.DefaultFolder));
var result = TrainingRun.Run(mlContext, train, test, dropout, epochs, threads);

Console.WriteLine($"data {(smoke ? "synthetic (smoke)" : "Fashion-MNIST")}, dropout {dropout}, epochs {epochs}, threads {threads}");
Console.WriteLine($"epoch seconds: {string.Join(", ", result.EpochSeconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}");
Console.WriteLine($"test accuracy: {result.TestAccuracy:F4}");
Console.WriteLine($"peak working set: {result.PeakWorkingSetMegabytes:F0} MB");
