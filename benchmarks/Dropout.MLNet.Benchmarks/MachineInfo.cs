using System.Runtime.InteropServices;

namespace Dropout.MLNet.Benchmarks;

/// <summary>The CPU model (as /proc/cpuinfo names it), logical processors, memory and runtime, for the results table.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        double memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"\"{model ?? RuntimeInformation.ProcessArchitecture.ToString()}\", {Environment.ProcessorCount} logical processors, {memory:F0} GiB, "
            + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, TorchSharp-cpu {typeof(TorchSharp.torch).Assembly.GetName().Version}";
    }
}
