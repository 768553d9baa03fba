using System.Globalization;
using System.Text;
using Dropout.MLNet.Benchmarks.Measurements;
using Dropout.MLNet.Benchmarks.Runs;
using Microsoft.ML;

namespace Dropout.MLNet.Benchmarks;

/// <summary>
/// The Fashion-MNIST tables of benchmarks/RESULTS.md in one run: the matmul ceiling, Dropout.MLNet against PyTorch at two
/// dropout rates (each training run in its own process), the time outside the matrix products, ML.NET's own
/// trainers, and scoring speed. Prints Markdown tables.
/// </summary>
internal sealed class Report
{
    private static readonly float[] DropoutRates = [0.2f, 0.5f];
    private readonly ReportSettings _settings;
    private readonly StringBuilder _text = new();

    public Report(ReportSettings settings) => _settings = settings;

    public string Run()
    {
        var s = _settings;
        var mlContext = new MLContext(seed: 0);
        var data = BenchmarkData.Load(mlContext, s.Smoke, s.DataFolder);
        long trainRows = data.Train.GetRowCount() ?? 0;
        bool pyTorch = !s.Smoke && PyTorchRun.IsAvailable();

        Line($"Data: {data.Name}, {trainRows} training rows, {data.Test.GetRowCount()} test rows. Epochs: {s.Epochs}. Threads: {s.Threads}.");
        Line($"Machine: {MachineInfo.Describe()}. Date: {DateTime.Now:yyyy-MM-dd}.");
        Line();

        var ceiling = MatmulCeiling.Measure(s.Smoke ? 256 : 2048, s.Threads);
        double flops = MatmulCeiling.TrainingFlopsPerEpoch(trainRows, [784, .. DropoutMlpRun.HiddenLayerSizes, 10]);

        var ours = DropoutRates.ToDictionary(p => p, p => Child("train", "--dropout", F(p)));
        var passive = pyTorch ? DropoutRates.ToDictionary(p => p, p => PyTorchRun.Run(s.PyTorchScript, s.DataFolder, p, s.Epochs, s.Threads, true)) : null;
        var active = pyTorch ? DropoutRates.ToDictionary(p => p, p => PyTorchRun.Run(s.PyTorchScript, s.DataFolder, p, s.Epochs, s.Threads, false)) : null;

        Line("### Training against PyTorch (s/epoch is the mean over all epochs, the first included)");
        Line();
        Line("| dropout | Dropout.MLNet s/epoch | PyTorch s/epoch, OMP passive | PyTorch s/epoch, OMP default | ratio ours/PyTorch (best) | test accuracy ours | test accuracy PyTorch | difference (points) | peak MB ours | peak MB PyTorch |");
        Line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var p in DropoutRates)
        {
            var o = ours[p];
            if (passive is null || active is null)
            {
                Line($"| {F(p)} | {F2(o.MeanEpochSeconds)} | skipped | skipped | | {F4(o.TestAccuracy)} | | | {F0(o.PeakMemoryMegabytes)} | |");
                continue;
            }

            var best = passive[p].MeanEpochSeconds <= active[p].MeanEpochSeconds ? passive[p] : active[p];
            Line($"| {F(p)} | {F2(o.MeanEpochSeconds)} | {F2(passive[p].MeanEpochSeconds)} | {F2(active[p].MeanEpochSeconds)} | "
                + $"{F2(o.MeanEpochSeconds / best.MeanEpochSeconds)} | {F4(o.TestAccuracy)} | {F4(best.TestAccuracy)} | "
                + $"{(o.TestAccuracy - best.TestAccuracy) * 100:+0.00;-0.00} | {F0(o.PeakMemoryMegabytes)} | {F0(best.PeakMemoryMegabytes)} |");
        }

        Line();
        var withParts = Child("train", "--dropout", F(0.2f), "--numeric-parts");
        var reference = passive is null || active is null ? null : passive[0.2f].MeanEpochSeconds <= active[0.2f].MeanEpochSeconds ? passive[0.2f] : active[0.2f];
        Line($"With periodic embeddings of the 784 pixels and robust scaling (options), p = 0.2, the same {s.Epochs} epochs: "
            + $"test accuracy {F4(withParts.TestAccuracy)}{(reference is null ? string.Empty : $" against PyTorch's {F4(reference.TestAccuracy)}")}, "
            + $"{F2(withParts.MeanEpochSeconds)} s/epoch, peak {F0(withParts.PeakMemoryMegabytes)} MB.");
        Line();
        Line($"### Where an epoch goes (matmul ceiling {ceiling.Describe()} on {s.Threads} threads; {F1(flops / 1e9)} GFLOP of training per epoch)");
        Line();
        Line("| dropout | s/epoch | read IDataView into arrays, once (s) | batches s/epoch | masks s/epoch | data (read + batches), share of an epoch | data and masks, share of an epoch | training GFLOP/s | share of libtorch's matmul | share of Dropout.MLNet's product |");
        Line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var p in DropoutRates)
        {
            var o = ours[p];
            var outside = OutsideKernels.Measure(mlContext, data.Train, DropoutMlpRun.HiddenLayerSizes, DropoutMlpRun.BatchSize, p);
            double gflops = flops / o.MeanEpochSeconds / 1e9;
            Line($"| {F(p)} | {F2(o.MeanEpochSeconds)} | {F2(outside.ReadSeconds)} | {F3(outside.BatchSecondsPerEpoch)} | {F3(outside.MaskSecondsPerEpoch)} | "
                + $"{outside.DataPerEpoch(s.Epochs) / o.MeanEpochSeconds:P1} | {outside.PerEpoch(s.Epochs) / o.MeanEpochSeconds:P1} | {F1(gflops)} | {gflops / ceiling.LibTorchGflops:P0} | {gflops / ceiling.LibraryGflops:P0} |");
        }

        var trainers = MlNetTrainerRun.Trainers.Select(t => Child("mlnet", "--trainer", t)).ToArray();
        Line();
        Line("### Against ML.NET's own trainers (default settings; linear trainers after NormalizeMinMax)");
        Line();
        Line("| trainer | training s | test accuracy | peak MB |");
        Line("| --- | --- | --- | --- |");
        foreach (var r in ours.Values.Concat(trainers))
        {
            Line($"| {r.Name} | {F1(r.TrainingSeconds)} | {F4(r.TestAccuracy)} | {F0(r.PeakMemoryMegabytes)} |");
        }

        Line();
        Line("### Scoring with the saved and reloaded model");
        Line();
        Line("| model | Transform rows/s (whole test set) | PredictionEngine µs/row (median) |");
        Line("| --- | --- | --- |");
        foreach (var r in ours.Values.Concat(trainers))
        {
            Line($"| {r.Name} | {F0(r.TransformRowsPerSecond ?? 0)} | {F1(r.PredictionMicroseconds ?? 0)} |");
        }

        return _text.ToString();
    }

    private RunResult Child(string command, params string[] arguments)
    {
        List<string> common = [command, .. arguments, "--epochs", F(_settings.Epochs), "--threads", F(_settings.Threads), "--data", _settings.DataFolder];
        if (_settings.Smoke)
        {
            common.Add("--smoke");
        }

        return ChildProcess.RunHarness([.. common]);
    }

    private void Line(string text = "") => _text.AppendLine(text);

    private static string F(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string F0(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

    private static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string F3(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
