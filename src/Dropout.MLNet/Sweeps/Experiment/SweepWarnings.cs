using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Dropout.MLNet.Sweeps;

/// <summary>A sweep's warnings on its MLContext's log (channel "DropoutMlpSweep"), where ML.NET's own components warn.</summary>
internal static class SweepWarnings
{
    /// <summary>A function that writes one warning to <paramref name="mlContext"/>'s log.</summary>
    public static Action<string> To(MLContext mlContext) => message =>
    {
        using var channel = ((IHostEnvironment)mlContext).Start("DropoutMlpSweep");
        channel.Warning(MessageSensitivity.None, message);
    };
}
