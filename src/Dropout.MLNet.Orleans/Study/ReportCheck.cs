using System.Globalization;
using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Orleans;

/// <summary>
/// What the study grain requires of a report and a definition before it changes or persists anything: a report that
/// would not replay (an unknown status, a metric that is not a number, hyperparameters other than those handed out)
/// would fail the grain on every reactivation; a definition it cannot build would leave a study that never starts.
/// </summary>
internal static class ReportCheck
{
    private static readonly string[] Statuses = [nameof(TrialStatus.Completed), nameof(TrialStatus.Pruned), nameof(TrialStatus.Stopped), nameof(TrialStatus.Failed)];

    /// <summary>The most trials one study hands out: each ended trial stays in its persisted log, which it replays.</summary>
    public const int MostTrials = 100_000;

    /// <summary>The longest error text kept of a failed trial (a stack of nested messages can run to megabytes).</summary>
    public const int LongestError = 2_000;

    /// <summary>The longest lease a study takes: a worker silent for a day is gone.</summary>
    public static readonly TimeSpan LongestLease = TimeSpan.FromDays(1);

    /// <summary>What is wrong with <paramref name="report"/>'s content against the point the trial was handed out with, or <see langword="null"/>.</summary>
    public static string? ContentProblem(TrialReport report, Parameter handedOut)
    {
        if (!Statuses.Contains(report.Status))
        {
            return $"its status '{report.Status}' is not one of {string.Join(", ", Statuses)} (a worker of another version?)";
        }

        if (!IsNumber(report.Metric) || !IsNumber(report.Loss))
        {
            return $"its metric '{report.Metric}' or loss '{report.Loss}' is not a number in invariant culture";
        }

        if (report.EpochsRun < 0 || !double.IsFinite(report.Seconds) || report.Seconds < 0)
        {
            return $"its epochs ({report.EpochsRun}) or seconds ({report.Seconds}) are negative or not finite";
        }

        if (report.JudgedLosses is null || report.JudgedLosses.Count > Math.Max(report.EpochsRun, 0))
        {
            return $"it has {report.JudgedLosses?.Count} judged losses for {report.EpochsRun} epochs";
        }

        var expected = WireFormat.ToData(handedOut);
        if (report.Parameter is null || report.Parameter.Count != expected.Count
            || expected.Any(p => !report.Parameter.TryGetValue(p.Key, out var value) || value != p.Value))
        {
            return "its hyperparameters are not those the trial was handed out with";
        }

        return null;
    }

    /// <summary>What is wrong with a definition, or <see langword="null"/>; checked before anything of the study changes.</summary>
    public static string? DefinitionProblem(StudyDefinition definition)
    {
        if (definition.Lease <= TimeSpan.Zero || definition.Lease > LongestLease)
        {
            return $"its lease {definition.Lease} is not above zero and at most {LongestLease} (a lease of 0 hands every running trial out again at once)";
        }

        if (definition.MaxTrials is < 1 or > MostTrials || definition.PrunerGracePeriod is < 1 || definition.PrunerReductionFactor < 2)
        {
            return $"its trial budget is not in [1, {MostTrials}], its pruner grace period is below 1, or its pruner reduction factor below 2";
        }

        try
        {
            _ = new StudyLedger(definition);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return $"it cannot be built here: {e.Message}";
        }
    }

    /// <summary>The report as the study keeps it: its error text cut to <see cref="LongestError"/> characters.</summary>
    public static TrialReport Kept(TrialReport report) =>
        report.Error is { Length: > LongestError } error ? report with { Error = error[..LongestError] + "…" } : report;

    private static bool IsNumber(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
