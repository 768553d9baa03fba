using Dropout.MLNet;
using Dropout.MLNet.Sweeps;
using ScottPlot;

namespace TabularClassification;

/// <summary>The app's pictures, drawn with ScottPlot and saved as PNG.</summary>
public static class Charts
{
    private const int Width = 900;
    private const int Height = 540;

    /// <summary>Training and validation loss per epoch, with the epoch whose weights the model keeps; returns the file's path.</summary>
    public static string LearningCurves(IReadOnlyList<EpochRecord> history, string path)
    {
        ArgumentNullException.ThrowIfNull(history);
        var plot = new Plot();
        double[] epochs = [.. history.Select(e => (double)e.Epoch)];
        var train = plot.Add.Scatter(epochs, history.Select(e => (double)e.TrainLoss).ToArray());
        train.LegendText = "training loss (dropout on)";
        if (history.Any(e => e.ValidationLoss is not null))
        {
            var validation = plot.Add.Scatter(epochs, history.Select(e => (double)(e.ValidationLoss ?? float.NaN)).ToArray());
            validation.LegendText = "validation loss (evaluation mode)";
            var best = history.Last(e => e.IsBest);
            var marker = plot.Add.Marker(best.Epoch, best.ValidationLoss ?? best.TrainLoss);
            marker.LegendText = $"best epoch ({best.Epoch}), whose weights the model keeps";
            marker.MarkerSize = 12;
        }

        plot.Title("Learning curves");
        plot.XLabel("epoch");
        plot.YLabel("cross-entropy loss");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Each completed trial's metric against one swept hyperparameter, the best one marked; returns the file's path.</summary>
    public static string SweepMetric(DropoutMlpExperimentResult result, string parameter, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        var completed = result.Trials.Where(t => t.Status == TrialStatus.Completed).ToArray();
        var points = plot.Add.Scatter(
            completed.Select(t => t.Parameter.GetValue<double>(parameter)).ToArray(),
            completed.Select(t => t.Metric).ToArray());
        points.LineWidth = 0;
        points.MarkerSize = 9;
        points.LegendText = "trial";
        var best = plot.Add.Marker(result.BestParameter.GetValue<double>(parameter), result.BestTrial.Metric);
        best.MarkerSize = 16;
        best.LegendText = $"best: {result.BestParameter}";
        var importance = result.HyperparameterImportance.TryGetValue(parameter, out double share) ? $" (importance {share:P0})" : string.Empty;
        plot.Title($"Sweep: validation {result.Metric} against {parameter}{importance}");
        plot.XLabel(parameter);
        plot.YLabel($"{result.Metric} on held-out rows ({(result.Metric == Dropout.MLNet.Sweeps.SweepMetric.LogLoss ? "lower" : "higher")} is better)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
