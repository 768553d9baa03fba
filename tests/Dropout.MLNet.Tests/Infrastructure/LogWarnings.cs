using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>The warnings an <see cref="MLContext"/>'s log receives from now on, as a list (safe for messages from several threads).</summary>
internal static class LogWarnings
{
    public static IReadOnlyList<string> Of(MLContext mlContext)
    {
        var warnings = new List<string>();
        mlContext.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning)
            {
                lock (warnings)
                {
                    warnings.Add(e.Message);
                }
            }
        };
        return warnings;
    }
}
