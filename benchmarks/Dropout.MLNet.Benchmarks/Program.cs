using System.Globalization;
using BenchmarkDotNet.Running;
using Dropout.MLNet.Benchmarks;
using Dropout.MLNet.Benchmarks.Micro;
using Dropout.MLNet.Benchmarks.Runs;
using Microsoft.ML;

// Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- report [--epochs 20] [--threads 2] [--data DIR] [--smoke]
//   dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- micro      (BenchmarkDotNet: dropout mask cost)
// "report" prints every table of benchmarks/RESULTS.md; it runs "train" and "mlnet" (below) as child processes.
//   ... -- train --dropout 0.2 --epochs 20 --threads 2   one Dropout.MLNet run, one JSON line
//   ... -- mlnet --trainer LightGbm --threads 2           one ML.NET trainer run, one JSON line
//   ... -- defaults --manifest DIR/manifest.txt [--folds 5] [--no-lightgbm] [--set Option=Value ...]
//        default options against LightGbm's on public CSVs (benchmarks/tabular/README.md makes them)
string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "report";
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
bool smoke = args.Contains("--smoke");
int epochs = int.Parse(Option("--epochs", smoke ? "1" : "20"), CultureInfo.InvariantCulture);
int threads = int.Parse(Option("--threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
string dataFolder = Option("--data", FashionMnist.DefaultFolder);
string modelFolder = Directory.CreateTempSubdirectory("dropout-mlnet-benchmarks-").FullName;

try
{
    var mlContext = new MLContext(seed: 0);
    switch (command)
    {
        case "report":
            var script = Path.Combine(AppContext.BaseDirectory, "pytorch_mlp.py");
            Console.Write(new Report(new ReportSettings(smoke, epochs, threads, dataFolder, script, modelFolder)).Run());
            break;
        case "train":
            float dropout = float.Parse(Option("--dropout", "0.2"), CultureInfo.InvariantCulture);
            var data = BenchmarkData.Load(mlContext, smoke, dataFolder);
            Console.WriteLine(DropoutMlpRun.Run(mlContext, data, dropout, epochs, threads, modelFolder).ToJson());
            break;
        case "mlnet":
            var trainerData = BenchmarkData.Load(mlContext, smoke, dataFolder);
            Console.WriteLine(MlNetTrainerRun.Run(mlContext, trainerData, Option("--trainer", "LightGbm"), threads, smoke, modelFolder).ToJson());
            break;
        case "defaults":
            var overrides = args.Select((a, i) => (a, i)).Where(p => p.i > 0 && args[p.i - 1] == "--set").Select(p => p.a).ToArray();
            Console.Write(Dropout.MLNet.Benchmarks.Tabular.DefaultsComparison.Run(Option("--manifest", "manifest.txt"), overrides,
                int.Parse(Option("--folds", "5"), CultureInfo.InvariantCulture), !args.Contains("--no-lightgbm")));
            break;
        case "micro":
            BenchmarkRunner.Run<DropoutMaskBenchmarks>();
            break;
        default:
            Console.Error.WriteLine($"Unknown command '{command}'; expected report, train, mlnet or micro.");
            return 2;
    }

    return 0;
}
finally
{
    Directory.Delete(modelFolder, recursive: true);
}
