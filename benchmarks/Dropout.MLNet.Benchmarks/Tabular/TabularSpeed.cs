using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dropout.MLNet.Benchmarks.Measurements;
using Dropout.MLNet.Benchmarks.Runs;
using Microsoft.ML;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// Training speed on tabular shapes, side by side in one run: Dropout.MLNet and its PyTorch peer (the same MLP,
/// [128, 64], dropout 0.2, Adam, batch 128, fixed epochs, no validation), each at its best threading, in seconds per
/// epoch and microseconds per batch against the batch's compute floor (its FLOPs at the matmul ceiling of all
/// <c>threads</c>, measured in this run); then whole fits at defaults (Dropout.MLNet with early stopping, LightGbm with
/// <c>threads</c>) with their time and test accuracy.
/// </summary>
internal static class TabularSpeed
{
    private const int BatchSize = 128;
    private static readonly int[] Hidden = [128, 64];

    public static string Run(IReadOnlyList<BenchmarkTable> tables, int epochs, int threads, string script, string folder)
    {
        var ceiling = MatmulCeiling.Measure(2048, threads);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineInfo.Describe()}; {threads} threads; matmul ceiling {ceiling.Describe()}; {epochs} epochs, median s/epoch");
        report.AppendLine();
        report.AppendLine("| data | batches/epoch | Dropout.MLNet s/epoch | µs/batch | PyTorch best s/epoch | ratio | compute floor µs/batch | defaults: Dropout.MLNet fit s | accuracy | LightGbm fit s | accuracy |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        // Three passes, so that no timed run shares the cores with another library's idle, spinning OpenMP threads:
        // the fixed-epoch runs of both MLPs, then the default fits, then LightGbm.
        var mlContext = new MLContext(seed: 0);
        var views = tables.Select(t => (Train: t.View(mlContext, test: false), Test: t.View(mlContext, test: true))).ToArray();
        var speeds = tables.Select((table, i) =>
        {
            var prefix = Path.Combine(folder, $"table{i}");
            table.WriteRaw(prefix);
            // PyTorch at its best: one thread or all, OpenMP's waiting passive or default.
            double pytorch = PyTorchRun.IsAvailable()
                ? new[] { (1, true), (threads, true), (threads, false) }.Distinct()
                    .Min(run => PyTorchEpochSeconds(script, prefix, table, epochs, run.Item1, passive: run.Item2))
                : double.NaN;
            return (Ours: OurEpochSeconds(mlContext, views[i].Train, epochs), PyTorch: pytorch);
        }).ToArray();
        var ours = views.Select((v, i) => Fit(mlContext, v, tables[i].Features, Path.Combine(folder, $"ours{i}.zip"),
            mlContext.MulticlassClassification.Trainers.DropoutMlp())).ToArray();
        var lightGbm = views.Select((v, i) => Fit(mlContext, v, tables[i].Features, Path.Combine(folder, $"lightgbm{i}.zip"),
            mlContext.MulticlassClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmMulticlassTrainer.Options { NumberOfThreads = threads }))).ToArray();
        for (int i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            long batches = (table.TrainRows + BatchSize - 1) / BatchSize;
            double floor = MatmulCeiling.TrainingFlopsPerEpoch(BatchSize, [table.Features, .. Hidden, table.Classes]) / (ceiling.Gflops * 1e9) * 1e6;
            var (epoch, pytorch) = speeds[i];
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {table.Name} | {batches} | {epoch:F3} | {epoch / batches * 1e6:F0} | {pytorch:F3} | {epoch / pytorch:F2} | {floor:F1} | {ours[i].Seconds:F1} | {ours[i].Accuracy:F4} | {lightGbm[i].Seconds:F1} | {lightGbm[i].Accuracy:F4} |");
        }

        report.AppendLine();
        report.AppendLine("Scoring the default fits, saved and loaded back: `Transform` over the test rows, and a `PredictionEngine` one row at a time.");
        report.AppendLine();
        report.AppendLine("| data | Dropout.MLNet Transform rows/s | LightGbm Transform rows/s | ratio | Dropout.MLNet PredictionEngine µs/row | LightGbm µs/row | ratio |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        for (int i = 0; i < tables.Count; i++)
        {
            var (a, b) = (ours[i].Scoring, lightGbm[i].Scoring);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {tables[i].Name} | {a.TransformRowsPerSecond:F0} | {b.TransformRowsPerSecond:F0} | {a.TransformRowsPerSecond / b.TransformRowsPerSecond:F2} | {a.PredictionMicroseconds:F1} | {b.PredictionMicroseconds:F1} | {a.PredictionMicroseconds / b.PredictionMicroseconds:F2} |");
        }

        return report.ToString();
    }

    /// <summary>Dropout.MLNet's median epoch, with its own choice of threads (<see cref="DropoutMlpOptionsBase.NumberOfThreads"/> unset).</summary>
    private static double OurEpochSeconds(MLContext mlContext, IDataView train, int epochs)
    {
        var seconds = new List<double>();
        mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = Hidden,
            DropoutRate = 0.2f,
            BatchSize = BatchSize,
            MaximumNumberOfEpochs = epochs,
            MaximumRowPasses = null, // every epoch asked for, as the PyTorch side trains
            ValidationFraction = 0f,
            EarlyStoppingPatience = null,
            LabelSmoothing = 0f,
            NumericalEmbedding = NumericalEmbedding.None,
            FeatureScaling = FeatureScaling.Standard,
            EpochCompleted = epoch => seconds.Add(epoch.Duration.TotalSeconds),
        }).Fit(train).Dispose();
        return Median(seconds);
    }

    private static double PyTorchEpochSeconds(string script, string prefix, BenchmarkTable table, int epochs, int threads, bool passive)
    {
        var environment = passive ? new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "passive" } : [];
        var (exitCode, output, error) = ChildProcess.Run(PyTorchRun.Python,
            [script, "--prefix", prefix, "--features", I(table.Features), "--classes", I(table.Classes), "--epochs", I(epochs), "--threads", I(threads)], environment);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed: {error}");
        }

        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return Median([.. json.RootElement.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble())]);
    }

    private static (double Seconds, double Accuracy, TabularScoring.Figures Scoring) Fit(MLContext mlContext, (IDataView Train, IDataView Test) data,
        int features, string path, IEstimator<ITransformer> trainer)
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(data.Train);
        double seconds = clock.Elapsed.TotalSeconds;
        double accuracy = mlContext.MulticlassClassification.Evaluate(model.Transform(data.Test)).MicroAccuracy;
        return (seconds, accuracy, TabularScoring.OfSavedModel(mlContext, model, data.Train, data.Test, features, path));
    }

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
