using System.Globalization;
using Microsoft.ML.Runtime;

namespace Dropout.MLNet;

/// <summary>
/// The caller's <c>MLContext.Log</c>, as ML.NET's own trainers write to it: each fit's shape, each epoch and the end of
/// training, on the channel "DropoutMlp". ML.NET gives a catalog's environment only to its own assemblies (the internal
/// <c>IInternalCatalog</c>); it is read here by reflection, and when a future ML.NET moves it, fits simply log nothing.
/// </summary>
internal sealed class FitLog
{
    private const string ChannelName = "DropoutMlp";
    private readonly IHostEnvironment? _environment;

    private FitLog(IHostEnvironment? environment) => _environment = environment;

    /// <summary>Logs nothing (a trainer not made from a catalog).</summary>
    public static FitLog None { get; } = new(null);

    /// <summary>The log of the <c>MLContext</c> that owns <paramref name="catalog"/>, if ML.NET lets it be found.</summary>
    public static FitLog Of(object catalog)
    {
        var environment = catalog.GetType().GetInterfaces()
            .FirstOrDefault(i => i.FullName == "Microsoft.ML.Data.IInternalCatalog")?
            .GetProperty("Environment")?.GetValue(catalog) as IHostEnvironment;
        return new FitLog(environment);
    }

    /// <summary>A channel for one fit, or <see langword="null"/> when there is no log.</summary>
    public IChannel? Start() => _environment?.Start(ChannelName);

    public static void Info(IChannel? channel, FormattableString message) =>
        channel?.Info(MessageSensitivity.None, message.ToString(CultureInfo.InvariantCulture));

    public static void Epoch(IChannel? channel, EpochRecord epoch) => Info(channel,
        $"epoch {epoch.Epoch}: train loss {epoch.TrainLoss:F4}{(epoch.ValidationLoss is { } loss ? $", validation loss {loss:F4}, accuracy {epoch.ValidationAccuracy:F4}" : "")}{(epoch.IsBest ? " (best)" : "")}, {epoch.Duration.TotalSeconds:F2} s");
}
