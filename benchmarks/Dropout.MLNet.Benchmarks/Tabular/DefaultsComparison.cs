using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using TabularClassification;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// Dropout.MLNet's default options against LightGbm's on public tabular data sets, as a user meets them: each CSV through
/// the sample app's featurization (label to key, missing numbers replaced by the mean, categories one-hot), 5-fold
/// <c>CrossValidate</c>, the same folds for both. Prints accuracy, log-loss and time per data set, and the means.
/// </summary>
internal static class DefaultsComparison
{
    /// <param name="manifest">A text file of lines "file.csv label_column", files relative to it.</param>
    /// <param name="overrides">Options to change from the defaults, as "Name=Value".</param>
    public static string Run(string manifest, IReadOnlyList<string> overrides, int folds, bool includeLightGbm)
    {
        var options = OptionOverrides.Apply(new DropoutMlpMulticlassTrainer.Options(), overrides);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"options: {(overrides.Count == 0 ? "defaults" : string.Join(" ", overrides))}; {folds}-fold CrossValidate");
        report.AppendLine("| data set | rows | classes | features | DropoutMlp accuracy | log-loss | s | LightGbm accuracy | log-loss | s |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var ours = new List<(double Accuracy, double LogLoss)>();
        var theirs = new List<(double Accuracy, double LogLoss)>();
        foreach (var line in File.ReadAllLines(manifest).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest))!, parts[0]);
            var mlContext = new MLContext(seed: 0);
            var columns = DataColumns.Infer(path, parts[1]);
            var data = mlContext.Data.Cache(columns.Load(mlContext, path));
            var featurization = PenguinsModel.BuildFeaturization(mlContext, columns);
            var shape = featurization.Fit(data).Transform(data);
            long rows = shape.GetColumn<uint>("Label").Count(k => k != 0);
            int features = ((VectorDataViewType)shape.Schema["Features"].Type).Size;

            var mlp = Evaluate(mlContext, data, featurization.Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options)), folds);
            var lgbm = includeLightGbm
                ? Evaluate(mlContext, data, featurization.Append(mlContext.MulticlassClassification.Trainers.LightGbm()), folds)
                : new Outcome(double.NaN, double.NaN, 0, null);
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {parts[0]} | {rows} | {columns.LabelValues!.Count} | {features} | {mlp.Accuracy:F4} | {mlp.LogLoss:F4} | {mlp.Seconds:F1} | {lgbm.Accuracy:F4} | {lgbm.LogLoss:F4} | {lgbm.Seconds:F1} |");
            report.AppendLine(row + (mlp.Error ?? lgbm.Error ?? string.Empty));
            Console.Error.WriteLine(row + (mlp.Error ?? lgbm.Error ?? string.Empty));
            ours.Add((mlp.Accuracy, mlp.LogLoss));
            theirs.Add((lgbm.Accuracy, lgbm.LogLoss));
        }

        report.AppendLine(CultureInfo.InvariantCulture,
            $"| mean | | | | {ours.Average(o => o.Accuracy):F4} | {ours.Average(o => o.LogLoss):F4} | | {theirs.Average(o => o.Accuracy):F4} | {theirs.Average(o => o.LogLoss):F4} | |");
        return report.ToString();
    }

    private static Outcome Evaluate(MLContext mlContext, IDataView data, IEstimator<ITransformer> pipeline, int folds)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var results = mlContext.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: folds, labelColumnName: "Label", seed: 0);
            return new Outcome(results.Average(r => r.Metrics.MicroAccuracy), results.Average(r => r.Metrics.LogLoss), clock.Elapsed.TotalSeconds / folds, null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return new Outcome(double.NaN, double.NaN, clock.Elapsed.TotalSeconds / folds, $" fails: {e.Message}");
        }
    }

    private sealed record Outcome(double Accuracy, double LogLoss, double Seconds, string? Error);
}
