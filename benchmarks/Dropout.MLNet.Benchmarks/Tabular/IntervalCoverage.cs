using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using TabularClassification;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// How often <see cref="MonteCarloDropout.PredictRegression"/>'s intervals hold held-out labels: on each public regression
/// data set, for each seed, a seeded 80/20 split, the regression trainer at its defaults, and the share of the test
/// rows' labels inside the 90 % and 95 % intervals (where the validation rows are too few to promise a coverage, the
/// library refuses that interval, and the table says so). Split conformal prediction promises at least the nominal share on
/// average over splits; the target is a mean within a point of it and no split more than five below.
/// </summary>
internal static class IntervalCoverage
{
    private static readonly double[] Coverages = [0.9, 0.95];

    /// <param name="manifest">A text file of lines "file.csv label_column", files relative to it.</param>
    /// <param name="seeds">The number of seeds (splits and fits) per data set.</param>
    public static string Run(string manifest, int seeds)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"regression defaults; {seeds} seeded 80/20 splits per set; share of test labels inside the interval (30 passes)");
        report.AppendLine("| data set | test rows | validation rows | 90 % by seed | 90 % mean | 95 % by seed | 95 % mean |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        var all = Coverages.ToDictionary(c => c, _ => new List<double>());
        foreach (var line in File.ReadAllLines(manifest).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest))!, parts[0]);
            var shares = Coverages.ToDictionary(c => c, _ => new List<double>());
            int testRows = 0, validationRows = 0;
            for (int seed = 0; seed < seeds; seed++)
            {
                var mlContext = new MLContext(seed).UsePrivateTempFolder();
                var columns = DataColumns.Infer(path, parts[1]);
                var data = mlContext.Data.Cache(columns.Load(mlContext, path, DataKind.Single));
                data = mlContext.Data.FilterRowsByMissingValues(data, columns.Label);
                var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2, seed: seed);
                var pipeline = PenguinsModel.BuildFeatures(mlContext, columns)
                    .Append(mlContext.Regression.Trainers.DropoutMlp(new DropoutMlpRegressionTrainer.Options { LabelColumnName = columns.Label, Seed = seed }));
                var model = pipeline.Fit(split.TrainSet);
                var network = model.FindDropoutMlp();
                var featurized = model.TransformUpToDropoutMlp(split.TestSet);
                var labels = featurized.GetColumn<float>(columns.Label).ToArray();
                testRows = labels.Length;
                validationRows = network.Model.CalibrationRowCount ?? 0;
                foreach (var coverage in Coverages.Where(c => MonteCarloDropout.CalibrationRowsNeeded(c) <= validationRows))
                {
                    var intervals = MonteCarloDropout.PredictRegression(network, featurized, passes: 30, seed: seed, coverage: coverage);
                    double inside = labels.Zip(intervals).Count(p => p.First >= p.Second.Lower && p.First <= p.Second.Upper) / (double)labels.Length;
                    shares[coverage].Add(inside);
                    all[coverage].Add(inside);
                }
            }

            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {parts[0]} | {testRows} | {validationRows} | {Join(shares[0.9])} | {Mean(shares[0.9])} | {Join(shares[0.95])} | {Mean(shares[0.95])} |");
            report.AppendLine(row);
            Console.Error.WriteLine(row);
        }

        foreach (var coverage in Coverages.Where(c => all[c].Count > 0))
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"\n{coverage:P0} intervals: mean coverage {all[coverage].Average():F3} (target ≥ {coverage - 0.01:F2}), lowest {all[coverage].Min():F3} (target ≥ {coverage - 0.05:F2}), over {all[coverage].Count} splits");
        }

        return report.ToString();
    }

    private static string Mean(List<double> shares) => shares.Count == 0 ? "refused" : shares.Average().ToString("F3", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<double> values) => string.Join(" ", values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)));
}
