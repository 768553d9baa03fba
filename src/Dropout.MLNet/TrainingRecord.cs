using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Training;

namespace Dropout.MLNet;

/// <summary>The training record written into the ONNX model's metadata: how the model was made.</summary>
internal static class TrainingRecord
{
    public const string Prefix = "dropout_mlnet.";

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyDictionary<string, string> Create(DropoutMlpOptionsBase options, ClassificationTask task, TrainingResult result) =>
        new Dictionary<string, string>
        {
            [Prefix + "library_version"] = LibraryVersion.Value,
            [Prefix + "task"] = task.Name,
            [Prefix + "options"] = JsonSerializer.Serialize(options, options.GetType(), JsonOptions),
            [Prefix + "seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            [Prefix + "epochs_run"] = result.History.Count.ToString(CultureInfo.InvariantCulture),
            [Prefix + "best_epoch"] = result.BestEpoch.ToString(CultureInfo.InvariantCulture),
            [Prefix + "temperature"] = result.Temperature.ToString("R", CultureInfo.InvariantCulture),
        };
}
