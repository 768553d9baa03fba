using Microsoft.ML;

namespace Dropout.MLNet.Tasks;

/// <summary>A metric of a task, computed from the label and the scored columns as ML.NET's evaluator defines it.</summary>
/// <param name="Name">ML.NET's name of the metric ("MicroAccuracy", "RSquared").</param>
/// <param name="IsMaximized">Whether higher is better.</param>
/// <param name="Compute">The metric of scored rows, given the label column's name.</param>
internal sealed record TaskMetric(string Name, bool IsMaximized, Func<IDataView, string, double> Compute)
{
    /// <summary>Refuses to measure data without one labelled row.</summary>
    public static void RequireRows(long rows, string labelColumn)
    {
        if (rows == 0)
        {
            throw new InvalidOperationException($"The evaluation data has no rows with a label in column '{labelColumn}'; give the sweep more data or a larger test fraction.");
        }
    }
}
