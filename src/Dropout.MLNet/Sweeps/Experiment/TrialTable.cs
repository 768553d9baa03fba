using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dropout.MLNet.Sweeps;

/// <summary>What a user looks at after a sweep: every trial as a row (CSV for a spreadsheet, JSON for code).</summary>
public static class TrialTable
{
    private static readonly string[] Columns = ["TrialId", "Status", "Metric", "Loss", "EpochsRun", "DurationSeconds", "Error"];

    /// <summary>Writes every trial of <paramref name="result"/>: CSV when <paramref name="path"/> ends in .csv, JSON when in .json.</summary>
    /// <param name="result">The sweep's result.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException">The path ends in neither .csv nor .json.</exception>
    public static void SaveTrialTable(this DropoutMlpExperimentResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ToCsv(result),
            ".json" => ToJson(result),
            _ => throw new ArgumentException($"'{path}' should end in .csv or .json, the two formats of a trial table.", nameof(path)),
        };
        File.WriteAllText(path, text);
    }

    /// <summary>Every trial as a CSV row: its number, status, metric, loss, epochs, seconds, error, then each hyperparameter.</summary>
    public static string ToCsv(DropoutMlpExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parameters = result.Trials.SelectMany(t => t.Parameter.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var csv = new StringBuilder().AppendJoin(',', Columns.Concat(parameters)).Append('\n');
        foreach (var trial in result.Trials)
        {
            var cells = new[]
            {
                Text(trial.TrialId), trial.Status.ToString(), Text(trial.Metric), Text(trial.Loss), Text(trial.EpochsRun),
                Text(trial.Duration.TotalSeconds), Quote(trial.Error?.Message ?? string.Empty),
            }.Concat(parameters.Select(name => trial.Parameter.TryGetValue(name, out var value) ? Text(value) : string.Empty));
            csv.AppendJoin(',', cells).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Every trial as a JSON object, with the metric, the best trial's number and each trial's hyperparameters.</summary>
    public static string ToJson(DropoutMlpExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new
        {
            Metric = result.Metric.ToString(),
            BestTrial = result.BestTrial.TrialId,
            Trials = result.Trials.Select(t => new
            {
                t.TrialId,
                Status = t.Status.ToString(),
                Metric = double.IsFinite(t.Metric) ? t.Metric : (double?)null,
                Loss = double.IsFinite(t.Loss) ? t.Loss : (double?)null,
                t.EpochsRun,
                DurationSeconds = t.Duration.TotalSeconds,
                Error = t.Error?.Message,
                Parameters = t.Parameter.ToDictionary(p => p.Key, p => p.Value),
            }),
        };
        return JsonSerializer.Serialize(table, new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
