using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// The task's measure of a <see cref="SweepMetric"/>: every task lists the metrics it is measured by, named as ML.NET
/// names them (the first its default), and a sweep metric is one of them by name.
/// </summary>
internal static class SweepMetricChoice
{
    /// <summary>The metric asked for (or the task's default) and the task's way of computing it.</summary>
    /// <exception cref="ArgumentException">The metric does not belong to the task; the message lists those that do.</exception>
    public static (SweepMetric Metric, TaskMetric Measure) Resolve(SweepMetric? metric, DropoutMlpTask task)
    {
        var metrics = task.Scoring.Metrics;
        var chosen = metric ?? Enum.Parse<SweepMetric>(metrics[0].Name);
        var measure = metrics.FirstOrDefault(m => m.Name == chosen.ToString()) ?? throw new ArgumentException(
            $"Metric {chosen} does not fit {task.Name}; choose {string.Join(", ", metrics.Select(m => m.Name))}.", nameof(metric));
        return (chosen, measure);
    }
}
