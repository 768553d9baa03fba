using System.Text.Json;

namespace Dropout.MLNet.Benchmarks;

/// <summary>
/// What one benchmark run measured: the training (per-epoch seconds or one total), the test accuracy, the
/// process's peak memory and, for ML.NET models, the scoring speed. Child runs print it as one JSON line.
/// </summary>
internal sealed record RunResult(
    string Name,
    IReadOnlyList<double> EpochSeconds,
    double TrainingSeconds,
    double TestAccuracy,
    double PeakMemoryMegabytes,
    double? TransformRowsPerSecond = null,
    double? PredictionMicroseconds = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The mean epoch time, or the whole training time for trainers without epochs.</summary>
    public double MeanEpochSeconds => EpochSeconds.Count == 0 ? TrainingSeconds : EpochSeconds.Average();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RunResult FromJson(string line) =>
        JsonSerializer.Deserialize<RunResult>(line, Json) ?? throw new InvalidDataException($"Not a run result: {line}");
}
