using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using TabularClassification;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// Dropout.MLNet's regression trainer at its defaults against LightGbm's and SDCA's on public regression data sets, as a
/// user meets them: numbers with missing values replaced by the mean, categories one-hot (SDCA, a linear model, also gets
/// mean-variance normalization, as ML.NET's docs advise for it), 5-fold <c>CrossValidate</c> with the same folds for all.
/// Prints RSquared, RMSE, MAE and seconds per fold.
/// </summary>
internal static class RegressionComparison
{
    /// <param name="manifest">A text file of lines "file.csv label_column", files relative to it.</param>
    /// <param name="overrides">DropoutMlp's options to change from the defaults, as "Name=Value".</param>
    /// <param name="includeCandidate">Whether to add a column for the candidate parts (<see cref="CandidateParts"/>).</param>
    public static string Run(string manifest, int folds, IReadOnlyList<string>? overrides = null, bool includeCandidate = false)
    {
        overrides ??= [];
        var report = new StringBuilder();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"DropoutMlp options: {(overrides.Count == 0 ? "defaults" : string.Join(" ", overrides))}, the others' defaults; {folds}-fold CrossValidate; RSquared / RMSE / MAE / seconds per fold")
            + (includeCandidate ? $"; candidate: {string.Join(" ", CandidateParts.Regression)}" : string.Empty));
        report.AppendLine("| data set | rows | features | DropoutMlp | " + (includeCandidate ? "candidate | " : string.Empty) + "LightGbm | SDCA |");
        report.AppendLine("| --- | --- | --- | --- | " + (includeCandidate ? "--- | " : string.Empty) + "--- | --- |");
        var means = new List<(double Ours, double Candidate, double LightGbm, double Sdca)>();
        foreach (var line in File.ReadAllLines(manifest).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest))!, parts[0]);
            var mlContext = new MLContext(seed: 0);
            var columns = DataColumns.Infer(path, parts[1]);
            var data = mlContext.Data.Cache(columns.Load(mlContext, path, DataKind.Single));
            var featurization = PenguinsModel.BuildFeatures(mlContext, columns);
            var shape = featurization.Fit(data).Transform(data);
            long rows = shape.GetColumn<float>(columns.Label).Count(float.IsFinite);
            int features = ((VectorDataViewType)shape.Schema["Features"].Type).Size;

            var options = OptionOverrides.Apply(new DropoutMlpRegressionTrainer.Options { LabelColumnName = columns.Label }, overrides);
            var mlp = Evaluate(mlContext, data, featurization.Append(mlContext.Regression.Trainers.DropoutMlp(options)), columns.Label, folds);
            var candidateOptions = OptionOverrides.Apply(new DropoutMlpRegressionTrainer.Options { LabelColumnName = columns.Label }, CandidateParts.Regression);
            var old = includeCandidate ? Evaluate(mlContext, data, featurization.Append(mlContext.Regression.Trainers.DropoutMlp(candidateOptions)), columns.Label, folds) : null;
            var lgbm = Evaluate(mlContext, data, featurization.Append(mlContext.Regression.Trainers.LightGbm(labelColumnName: columns.Label)), columns.Label, folds);
            var sdca = Evaluate(mlContext, data, featurization.Append(mlContext.Transforms.NormalizeMeanVariance("Features"))
                .Append(mlContext.Regression.Trainers.Sdca(labelColumnName: columns.Label)), columns.Label, folds);
            var row = string.Create(CultureInfo.InvariantCulture, $"| {parts[0]} | {rows} | {features} | {mlp} | ") + (old is null ? string.Empty : $"{old} | ") + $"{lgbm} | {sdca} |";
            report.AppendLine(row);
            Console.Error.WriteLine(row);
            means.Add((mlp.RSquared, old?.RSquared ?? double.NaN, lgbm.RSquared, sdca.RSquared));
        }

        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| mean RSquared | | | {means.Average(m => m.Ours):F3} | ")
            + (includeCandidate ? string.Create(CultureInfo.InvariantCulture, $"{means.Average(m => m.Candidate):F3} | ") : string.Empty)
            + string.Create(CultureInfo.InvariantCulture, $"{means.Average(m => m.LightGbm):F3} | {means.Average(m => m.Sdca):F3} |"));
        return report.ToString();
    }

    private static Outcome Evaluate(MLContext mlContext, IDataView data, IEstimator<ITransformer> pipeline, string label, int folds)
    {
        var clock = Stopwatch.StartNew();
        var results = mlContext.Regression.CrossValidate(data, pipeline, numberOfFolds: folds, labelColumnName: label, seed: 0);
        FittedEpochs.Report(results.Select(r => r.Model));
        return new Outcome(results.Average(r => r.Metrics.RSquared), results.Average(r => r.Metrics.RootMeanSquaredError),
            results.Average(r => r.Metrics.MeanAbsoluteError), clock.Elapsed.TotalSeconds / folds);
    }

    private sealed record Outcome(double RSquared, double Rmse, double Mae, double Seconds)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RSquared:F3} / {Rmse:F3} / {Mae:F3} / {Seconds:F2}");
    }
}
