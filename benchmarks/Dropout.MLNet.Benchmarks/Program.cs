using System.Globalization;
using BenchmarkDotNet.Running;
using Dropout.MLNet.Benchmarks;
using Dropout.MLNet.Benchmarks.Micro;
using Dropout.MLNet.Benchmarks.Runs;
using Microsoft.ML;

// Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- report [--epochs 20] [--threads 2] [--data DIR] [--smoke]
//   dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- micro      (BenchmarkDotNet: dropout mask cost)
//   dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- results [--threads 2] [--epochs 20] [--tabular DIR] [--regression DIR] [--metatest DIR] [--sweep] [--out FILE]
//        writes benchmarks/RESULTS.md: every command below in its own process, one sitting, with machine and date
// "report" prints the Fashion-MNIST tables; it runs "train" and "mlnet" (below) as child processes.
//   ... -- train --dropout 0.2 --epochs 20 --threads 2 [--numeric-parts]   one Dropout.MLNet run, one JSON line
//   ... -- mlnet --trainer LightGbm --threads 2           one ML.NET trainer run, one JSON line
//   ... -- defaults --manifest DIR/manifest.txt [--folds 5] [--no-lightgbm] [--set Option=Value ...]
//        default options against LightGbm's on public CSVs (benchmarks/tabular/README.md makes them)
//   ... -- regression --manifest DIR/regression.txt [--folds 5]
//        the regression trainer's defaults against LightGbm's and SDCA's on public CSVs (benchmarks/tabular/README.md makes them)
//   ... -- coverage --manifest DIR/regression.txt [--seeds 3]
//        how often Monte Carlo regression intervals (90 %, 95 %) hold held-out labels, per data set and seed
//   ... -- tabular [--epochs 3] [--threads 2] [--max-rows 1000000] [--csv FILE LABEL]
//        training speed on tabular shapes against PyTorch and LightGbm (synthetic shapes, plus a public CSV if given)
//   ... -- memory [--rows 2000000] [--features 50] [--epochs 1]
//        peak working set of a default fit against the float32 size of its training matrix
//   ... -- sweep [--trials 24] [--hours 1.5] [--threads 2]
//        a Fashion-MNIST sweep (SMAC + ASHA), its best hyperparameters refit on the 60k training images, test accuracy
string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "report";
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
string[] Overrides() => args.Select((a, i) => (a, i)).Where(p => p.i > 0 && args[p.i - 1] == "--set").Select(p => p.a).ToArray();
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
            Console.WriteLine(DropoutMlpRun.Run(mlContext, data, dropout, epochs, threads, modelFolder, args.Contains("--numeric-parts")).ToJson());
            break;
        case "mlnet":
            var trainerData = BenchmarkData.Load(mlContext, smoke, dataFolder);
            Console.WriteLine(MlNetTrainerRun.Run(mlContext, trainerData, Option("--trainer", "LightGbm"), threads, smoke, modelFolder).ToJson());
            break;
        case "defaults":
            Console.Write(Dropout.MLNet.Benchmarks.Tabular.DefaultsComparison.Run(Option("--manifest", "manifest.txt"), Overrides(),
                int.Parse(Option("--folds", "5"), CultureInfo.InvariantCulture), !args.Contains("--no-lightgbm"), args.Contains("--candidate")));
            break;
        case "regression":
            Console.Write(Dropout.MLNet.Benchmarks.Tabular.RegressionComparison.Run(Option("--manifest", "regression.txt"),
                int.Parse(Option("--folds", "5"), CultureInfo.InvariantCulture), Overrides(), args.Contains("--candidate")));
            break;
        case "coverage":
            Console.Write(Dropout.MLNet.Benchmarks.Tabular.IntervalCoverage.Run(Option("--manifest", "regression.txt"),
                int.Parse(Option("--seeds", "3"), CultureInfo.InvariantCulture)));
            break;
        case "tabular":
            var tables = new List<Dropout.MLNet.Benchmarks.Tabular.BenchmarkTable>();
            if (args.Contains("--csv"))
            {
                var csv = args.SkipWhile(a => a != "--csv").Skip(1).Take(2).ToArray();
                tables.Add(Dropout.MLNet.Benchmarks.Tabular.BenchmarkTable.FromCsv(mlContext, csv[0], csv[1]));
            }

            var shapes = new (int Rows, int Features, int Classes)[] { (46_400, 9, 7), (100_000, 50, 10), (1_000_000, 20, 2) };
            var rowLimit = int.Parse(Option("--max-rows", "1000000"), CultureInfo.InvariantCulture);
            tables.AddRange(shapes.Where(s => s.Rows <= rowLimit).Select(s => Dropout.MLNet.Benchmarks.Tabular.BenchmarkTable.Create(s.Rows, s.Features, s.Classes, seed: 1)));
            Console.Write(Dropout.MLNet.Benchmarks.Tabular.TabularSpeed.Run(tables, int.Parse(Option("--epochs", "3"), CultureInfo.InvariantCulture), threads,
                Path.Combine(AppContext.BaseDirectory, "pytorch_tabular.py"), modelFolder));
            break;
        case "memory":
            Console.Write(Dropout.MLNet.Benchmarks.Tabular.MemoryFootprint.Run(int.Parse(Option("--rows", "2000000"), CultureInfo.InvariantCulture),
                int.Parse(Option("--features", "50"), CultureInfo.InvariantCulture), int.Parse(Option("--epochs", "1"), CultureInfo.InvariantCulture)));
            break;
        case "sweep":
            var images = BenchmarkData.Load(mlContext, smoke, dataFolder);
            Console.Write(FashionMnistSweep.Run(mlContext, images, int.Parse(Option("--trials", "24"), CultureInfo.InvariantCulture),
                double.Parse(Option("--hours", "1.5"), CultureInfo.InvariantCulture), threads));
            break;
        case "results":
            var arguments = string.Join(' ', args);
            var document = ResultsDocument.Run(threads, epochs, Option("--tabular", "/tmp/tabular"), Option("--regression", "/tmp/regzoo"),
                Option("--metatest", "/tmp/metatest"), args.Contains("--sweep"), arguments);
            File.WriteAllText(Option("--out", Path.Combine("benchmarks", "RESULTS.md")), document);
            break;
        case "micro":
            var summary = BenchmarkRunner.Run<DropoutMaskBenchmarks>();
            Console.WriteLine("<!-- table -->");
            Console.Write(File.ReadAllText(Directory.GetFiles(summary.ResultsDirectoryPath, "*-report-github.md").Single()));
            break;
        default:
            Console.Error.WriteLine($"Unknown command '{command}'; expected results, report, train, mlnet, defaults, regression, tabular, memory, sweep or micro.");
            return 2;
    }

    return 0;
}
finally
{
    Directory.Delete(modelFolder, recursive: true);
}
