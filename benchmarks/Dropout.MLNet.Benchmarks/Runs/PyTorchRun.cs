using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Dropout.MLNet.Benchmarks.Runs;

/// <summary>Runs benchmarks/pytorch_mlp.py with Debian's /usr/bin/python3 and reads the JSON line it prints.</summary>
internal static class PyTorchRun
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Whether this machine can run the peer (Debian's python3-torch installed).</summary>
    public static bool IsAvailable()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        var (exitCode, _, _) = ChildProcess.Run(Python, ["-c", "import torch, numpy"], new Dictionary<string, string>());
        return exitCode == 0;
    }

    public static RunResult Run(string script, string dataFolder, float dropoutRate, int epochs, int threads, bool passiveOpenMp)
    {
        var environment = new Dictionary<string, string>();
        if (passiveOpenMp)
        {
            environment["OMP_WAIT_POLICY"] = "passive";
        }

        var (exitCode, output, error) = ChildProcess.Run(Python,
            [script, "--data", dataFolder, "--dropout", F(dropoutRate), "--epochs", F(epochs), "--threads", F(threads)], environment);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed: {error}");
        }

        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        var epochSeconds = root.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var name = $"PyTorch {root.GetProperty("torch").GetString()} p={F(dropoutRate)}{(passiveOpenMp ? " (OMP passive)" : " (OMP default)")}";
        return new RunResult(name, epochSeconds, epochSeconds.Sum(), root.GetProperty("test_accuracy").GetDouble(),
            root.GetProperty("peak_rss_mb").GetDouble());
    }

    private static string F(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
