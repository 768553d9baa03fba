using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Training;

namespace Dropout.MLNet;

/// <summary>
/// The training record written into the ONNX model's metadata: how the model was made (options, seed, library version)
/// and what the weights alone do not say (the architecture's dropout, the class names, the history), so that a loaded
/// model can be read back as <see cref="DropoutMlpModelParameters"/>.
/// </summary>
internal static class TrainingRecord
{
    public const string Prefix = "dropout_mlnet.";
    private const string NetworkKey = Prefix + "network";
    private const string ClassesKey = Prefix + "classes";
    private const string HistoryKey = Prefix + "history";
    private const string SeedKey = Prefix + "seed";
    private const string BestEpochKey = Prefix + "best_epoch";
    private const string TemperatureKey = Prefix + "temperature";
    private const string TaskKey = Prefix + "task";
    private const string ResidualsKey = Prefix + "residuals";

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyDictionary<string, string> Create(DropoutMlpOptionsBase options, DropoutMlpTask task, NetworkSpec spec,
        IReadOnlyList<string> classNames, TrainingResult result, ResidualSpread? residuals)
    {
        var record = new Dictionary<string, string>
        {
            [Prefix + "library_version"] = LibraryVersion.Value,
            [TaskKey] = task.Name,
            [Prefix + "options"] = JsonSerializer.Serialize(options, options.GetType(), JsonOptions),
            [SeedKey] = options.Seed.ToString(CultureInfo.InvariantCulture),
            [Prefix + "epochs_run"] = result.History.Count.ToString(CultureInfo.InvariantCulture),
            [BestEpochKey] = result.BestEpoch.ToString(CultureInfo.InvariantCulture),
            [TemperatureKey] = result.Temperature.ToString("R", CultureInfo.InvariantCulture),
            [NetworkKey] = JsonSerializer.Serialize(spec, JsonOptions),
            [ClassesKey] = JsonSerializer.Serialize(classNames, JsonOptions),
            [HistoryKey] = JsonSerializer.Serialize(result.History, JsonOptions),
        };
        if (residuals is not null)
        {
            record[ResidualsKey] = JsonSerializer.Serialize(residuals, JsonOptions);
        }

        return record;
    }

    /// <summary>Reads back what <see cref="Create"/> wrote.</summary>
    /// <exception cref="InvalidDataException">An entry is missing (a model saved by an earlier version) or unreadable.</exception>
    public static (DropoutMlpTask Task, NetworkSpec Spec, IReadOnlyList<string> ClassNames, TrainingResult Training, int Seed, ResidualSpread? Residuals) Read(
        IReadOnlyDictionary<string, string> metadata)
    {
        var task = DropoutMlpTask.Named(Entry(metadata, TaskKey))
            ?? throw new InvalidDataException($"The model's task '{metadata[TaskKey]}' is not one this Dropout.MLNet ({LibraryVersion.Value}) knows.");
        var spec = Deserialize<NetworkSpec>(metadata, NetworkKey);
        var classNames = Deserialize<string[]>(metadata, ClassesKey);
        var history = Deserialize<EpochRecord[]>(metadata, HistoryKey);
        var training = new TrainingResult(history, Parse(metadata, BestEpochKey, int.Parse), Parse(metadata, TemperatureKey, float.Parse));
        var residual = metadata.ContainsKey(ResidualsKey) ? Deserialize<ResidualSpread>(metadata, ResidualsKey) : null;
        return (task, spec, classNames, training, Parse(metadata, SeedKey, int.Parse), residual);
    }

    private static string Entry(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException(
                $"The model's ONNX metadata has no '{key}' entry: it was saved by an earlier Dropout.MLNet, which did not record it. "
                + $"It still scores; retrain it with Dropout.MLNet {LibraryVersion.Value} to read its parameters back.");

    private static T Deserialize<T>(IReadOnlyDictionary<string, string> metadata, string key) =>
        JsonSerializer.Deserialize<T>(Entry(metadata, key), JsonOptions)
        ?? throw new InvalidDataException($"The model's ONNX metadata entry '{key}' is empty.");

    private static T Parse<T>(IReadOnlyDictionary<string, string> metadata, string key, Func<string, IFormatProvider, T> parse) =>
        parse(Entry(metadata, key), CultureInfo.InvariantCulture);
}
