using System.Text.Json;
using System.Text.Json.Serialization;
using Dropout.MLNet;
using Dropout.MLNet.Sweeps;
using Microsoft.ML.Data;

namespace TabularClassification;

/// <summary>
/// What a run did, written beside the model as <c>PenguinsModel.mbconfig</c>, where Model Builder writes its training
/// configuration: the data and the roles inferred for its columns, the options the model was trained with (after a
/// sweep, the best ones), every sweep trial, and the test metrics.
/// </summary>
public static class RunRecord
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the record and returns the file's path.</summary>
    public static string Write(string folder, SampleSettings settings, DataColumns columns, DropoutMlpMulticlassTrainer.Options options,
        DropoutMlpExperimentResult? sweep, MulticlassClassificationMetrics test)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(test);
        var record = new
        {
            Scenario = "Classification",
            DataSource = settings.DataFile,
            LabelColumn = settings.Label,
            Columns = new
            {
                Separator = columns.Separator.ToString(),
                DecimalMarker = columns.DecimalMarker.ToString(),
                columns.Numeric,
                columns.Categorical,
                MissingIndicators = columns.WithMissing,
                columns.Ignored,
                columns.LeftOut,
            },
            Trainer = "DropoutMlp",
            Options = options,
            Sweep = sweep is null ? null : new
            {
                Metric = sweep.Metric.ToString(),
                BestTrial = sweep.BestTrial.TrialId,
                Trials = sweep.Trials.Select(t => new
                {
                    t.TrialId,
                    Parameters = t.Parameter.ToDictionary(p => p.Key, p => p.Value),
                    Status = t.Status.ToString(),
                    t.Metric,
                    t.EpochsRun,
                    DurationSeconds = t.Duration.TotalSeconds,
                }),
            },
            TestMetrics = new { test.MicroAccuracy, test.MacroAccuracy, test.LogLoss, test.LogLossReduction },
        };
        var path = Path.Combine(folder, "PenguinsModel.mbconfig");
        File.WriteAllText(path, JsonSerializer.Serialize(record, JsonOptions));
        return path;
    }
}
