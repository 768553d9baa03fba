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
    /// <param name="includeCandidate">Whether to add a column for the candidate parts (<see cref="CandidateParts"/>).</param>
    public static string Run(string manifest, IReadOnlyList<string> overrides, int folds, bool includeLightGbm, bool includeCandidate = false)
    {
        var options = OptionOverrides.Apply(new DropoutMlpMulticlassTrainer.Options(), overrides);
        var candidateOptions = OptionOverrides.Apply(new DropoutMlpMulticlassTrainer.Options(), CandidateParts.Classification);
        var report = new StringBuilder();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"options: {(overrides.Count == 0 ? "defaults" : string.Join(" ", overrides))}; {folds}-fold CrossValidate; accuracy / log-loss / seconds per fold")
            + (includeCandidate ? $"; candidate: {string.Join(" ", CandidateParts.Classification)}" : string.Empty));
        report.AppendLine("| data set | rows | classes | features | DropoutMlp | " + (includeCandidate ? "candidate | " : string.Empty) + "LightGbm |");
        report.AppendLine("| --- | --- | --- | --- | --- | " + (includeCandidate ? "--- | " : string.Empty) + "--- |");
        var ours = new List<Outcome>();
        var candidate = new List<Outcome>();
        var theirs = new List<Outcome>();
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
            var old = includeCandidate
                ? Evaluate(mlContext, data, featurization.Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(candidateOptions)), folds)
                : Outcome.NotRun;
            var lgbm = includeLightGbm
                ? Evaluate(mlContext, data, featurization.Append(mlContext.MulticlassClassification.Trainers.LightGbm()), folds)
                : Outcome.NotRun;
            var row = string.Create(CultureInfo.InvariantCulture, $"| {parts[0]} | {rows} | {columns.LabelValues!.Count} | {features} | {mlp} | ")
                + (includeCandidate ? $"{old} | " : string.Empty) + $"{lgbm} |";
            string errors = string.Concat(new[] { mlp, old, lgbm }.Select(o => o.Error));
            report.AppendLine(row + errors);
            Console.Error.WriteLine(row + errors);
            ours.Add(mlp);
            candidate.Add(old);
            theirs.Add(lgbm);
        }

        report.AppendLine("| mean | | | | " + Outcome.Mean(ours) + " | " + (includeCandidate ? Outcome.Mean(candidate) + " | " : string.Empty) + Outcome.Mean(theirs) + " |");
        return report.ToString();
    }

    private static Outcome Evaluate(MLContext mlContext, IDataView data, IEstimator<ITransformer> pipeline, int folds)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var results = mlContext.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: folds, labelColumnName: "Label", seed: 0);
            FittedEpochs.Report(results.Select(r => r.Model));
            return new Outcome(results.Average(r => r.Metrics.MicroAccuracy), results.Average(r => r.Metrics.LogLoss), clock.Elapsed.TotalSeconds / folds, null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return new Outcome(double.NaN, double.NaN, clock.Elapsed.TotalSeconds / folds, $" fails: {e.Message}");
        }
    }

    private sealed record Outcome(double Accuracy, double LogLoss, double Seconds, string? Error)
    {
        public static Outcome NotRun { get; } = new(double.NaN, double.NaN, 0, null);

        public static string Mean(IReadOnlyCollection<Outcome> outcomes) =>
            string.Create(CultureInfo.InvariantCulture, $"{outcomes.Average(o => o.Accuracy):F4} / {outcomes.Average(o => o.LogLoss):F4} / {outcomes.Average(o => o.Seconds):F1}");

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Accuracy:F4} / {LogLoss:F4} / {Seconds:F1}");
    }
}
