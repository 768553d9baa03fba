using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Loads libtorch once, before the first thing that needs it. When it cannot be loaded, TorchSharp's type initializer
/// fails with a trace of every path it tried; this says instead which file, which missing symbol version and what to do.
/// </summary>
internal static partial class LibTorch
{
    private const string RequiredGlibcxx = "GLIBCXX_3.4.32";
    private static readonly Lazy<string?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Starts loading libtorch on a thread-pool thread (a third of a second in a new process), so that a fit reads its data
    /// meanwhile; <see cref="EnsureLoaded"/> waits for it and reports a failure.
    /// </summary>
    public static void StartLoading()
    {
        if (!LoadFailure.IsValueCreated)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => Preload(), null);
        }
    }

    private static void Preload()
    {
        try
        {
            _ = LoadFailure.Value;
        }
        catch (Exception)
        {
            // Lazy keeps the exception: EnsureLoaded throws it on the fitting thread, not on a thread-pool thread.
        }
    }

    /// <exception cref="InvalidOperationException">libtorch cannot be loaded in this process.</exception>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } message)
        {
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>The message for a failed load, from what is known about this machine.</summary>
    internal static string Describe(string cause, string? shimPath, string? newestSystemGlibcxx)
    {
        var shim = shimPath is null
            ? "TorchSharp's native shim libLibTorchSharp.so is not in the application's output (restore the TorchSharp-cpu package's runtime files)"
            : $"TorchSharp's native shim '{shimPath}' did not load";
        var fix = LacksRequiredGlibcxx(newestSystemGlibcxx)
            ? $" It needs the symbol version {RequiredGlibcxx}, and this system's libstdc++ has versions up to {newestSystemGlibcxx} "
              + "(Linux older than GCC 13, such as Debian 12 or Ubuntu 22.04). The Dropout.MLNet package marks that requirement weak in "
              + "each build and publish output: reference the package (with a ProjectReference, import "
              + "src/Dropout.MLNet/buildTransitive/Dropout.MLNet.targets), do not set DropoutMLNetWeakenGlibcxxRequirement to false, and "
              + "rebuild; or install a libstdc++ from GCC 13 or later."
            : " Check that the TorchSharp-cpu package's native files were copied to the output for this platform.";
        return $"libtorch could not be loaded, so DropoutMlp cannot train: {shim}.{fix} TorchSharp said: {cause}";
    }

    private static string? TryLoad()
    {
        // A tensor, not just InitializeDeviceType: that call can return while torch's type initializer still fails.
        try
        {
            using var probe = zeros(1);
            return null;
        }
        catch (TypeInitializationException e) when (e.InnerException is NotSupportedException or DllNotFoundException)
        {
            return Describe(e.InnerException!.Message);
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException)
        {
            return Describe(e.Message);
        }
    }

    private static string Describe(string torchSharpMessage) =>
        Describe(torchSharpMessage.Split('\n')[0].Trim(), FindShim(), RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? NewestSystemGlibcxx() : null);

    private static string? FindShim() =>
        Directory.Exists(AppContext.BaseDirectory)
            ? Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories)
                .OrderBy(path => path.Contains("runtimes", StringComparison.Ordinal) ? 0 : 1).FirstOrDefault()
            : null;

    /// <summary>The newest GLIBCXX_ version named in the system's libstdc++, read as bytes.</summary>
    internal static string? NewestSystemGlibcxx()
    {
        string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"];
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return null;
        }

        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        return GlibcxxVersion().Matches(text).Select(m => m.Value).MaxBy(Normalize, StringComparer.Ordinal);
    }

    /// <summary>Whether a libstdc++ whose newest version is <paramref name="newestSystemGlibcxx"/> lacks the shim's GLIBCXX_3.4.32.</summary>
    internal static bool LacksRequiredGlibcxx(string? newestSystemGlibcxx) =>
        newestSystemGlibcxx is not null && string.CompareOrdinal(Normalize(newestSystemGlibcxx), Normalize(RequiredGlibcxx)) < 0;

    /// <summary>GLIBCXX_3.4.9 → "00003.00004.00009", so that ordinal order is version order.</summary>
    internal static string Normalize(string version) =>
        string.Join('.', version["GLIBCXX_".Length..].Split('.').Select(part => part.PadLeft(5, '0')));

    [GeneratedRegex(@"GLIBCXX_\d+\.\d+(\.\d+)?")]
    private static partial Regex GlibcxxVersion();
}
