using Dropout.MLNet;
using Dropout.MLNet.Sweeps;
using Microsoft.ML;
using Spectre.Console;

namespace TabularClassification;

/// <summary>--sweep: finds the dropout rate and learning rate with a SMAC sweep (log-loss on a quarter of the training rows held out).</summary>
public static class SweepStep
{
    /// <summary>Runs the sweep, prints the trial table, draws the metric against the dropout rate, and returns the options with the best values.</summary>
    public static (DropoutMlpMulticlassTrainer.Options Best, DropoutMlpExperimentResult Result) FindBest(
        MLContext mlContext, DataColumns columns, IDataView train, DropoutMlpMulticlassTrainer.Options options, SampleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var space = new SearchSpace
        {
            ["DropoutRate"] = new UniformSingleOption(0f, 0.6f, defaultValue: Math.Min(options.DropoutRate, 0.6f)),
            ["LearningRate"] = new UniformSingleOption(1e-3f, 1e-2f, logBase: true, defaultValue: options.LearningRate),
        };
        Console.WriteLine($"Sweep of {settings.SweepTrials} trials over {string.Join("; ", space.Select(o => $"{o.Key} {o.Value}"))}");
        var experiment = mlContext.DropoutMlpSweeps().CreateExperiment(settings.Seed)
            .SetPipeline(PenguinsModel.BuildPipeline(mlContext, columns, options))
            .SetDataset(train, testFraction: 0.25, stratificationColumnName: columns.Label)
            .SetMetric(SweepMetric.LogLoss)
            .SetSearchSpace(space)
            .SetSmacTuner()
            .SetPruner(new AshaPruner(gracePeriod: 10))
            .SetMaxTrials(settings.SweepTrials)
            .SetProgress(t => Console.WriteLine($"  trial {t.TrialId,2}: {t.Parameter} -> {(t.Status == TrialStatus.Completed ? $"log-loss {t.Metric:F4}" : t.Status.ToString().ToLowerInvariant())}"));
        if (settings.CheckpointFolder is { } folder)
        {
            experiment.SetCheckpoint(folder);
        }

        var result = experiment.Run();

        var table = new Table().AddColumns("trial", "dropout rate", "learning rate", "log-loss", "epochs", "seconds", "status");
        foreach (var t in result.Trials)
        {
            string Mark(string text) => t == result.BestTrial ? $"[bold green]{text}[/]" : text;
            table.AddRow(Mark($"{t.TrialId}"), Mark($"{t.Parameter.GetValue<float>("DropoutRate"):F3}"), Mark($"{t.Parameter.GetValue<float>("LearningRate"):G3}"),
                Mark(t.Status == TrialStatus.Completed ? $"{t.Metric:F4}" : "-"), Mark($"{t.EpochsRun}"), Mark($"{t.Duration.TotalSeconds:F1}"), Mark(t.Status.ToString()));
        }

        AnsiConsole.Write(table);
        var pictures = result.BestParameter.Keys.Select(name => Charts.SweepMetric(result, name, Path.Combine(settings.OutputFolder, $"sweep-{name}.png"))).ToArray();
        Console.WriteLine("Hyperparameter importance: " + (result.HyperparameterImportance.Count == 0
            ? "needs at least 4 completed trials"
            : string.Join(", ", result.HyperparameterImportance.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:P0}"))));
        var trialTable = Path.Combine(settings.OutputFolder, "trials.csv");
        result.SaveTrialTable(trialTable);
        Console.WriteLine($"Best: {result.BestParameter} (log-loss {result.BestTrial.Metric:F4}); pictures {string.Join(", ", pictures)}, every trial in {trialTable}");
        var best = options with
        {
            DropoutRate = result.BestParameter.GetValue<float>("DropoutRate"),
            LearningRate = result.BestParameter.GetValue<float>("LearningRate"),
        };
        return (best, result);
    }
}
