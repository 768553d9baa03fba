using System.Diagnostics;
using System.Globalization;

namespace Dropout.MLNet.Scoring;

/// <summary>
/// Where the scorers of this process keep their temporary files. ML.NET's ONNX transformer writes the model of every
/// scorer built from memory to a file of its own, deleted when the transformer is disposed or finalized, so a process
/// that ends with live models (every sweep, every test run) would leave one file per fit in the temporary folder for
/// good. Here they go to <c>{temp}/Dropout.MLNet/{process id}</c>, removed when the process exits; folders of processes
/// that died without exiting (killed) are removed by the next process that needs one.
/// </summary>
internal static class ScratchFolder
{
    private static readonly Lazy<string> Folder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>This process's folder, created on first use.</summary>
    public static string Path => Folder.Value;

    /// <summary>The folder of the process with <paramref name="processId"/>.</summary>
    public static string PathOf(int processId) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "Dropout.MLNet", processId.ToString(CultureInfo.InvariantCulture));

    private static string Create()
    {
        RemoveAbandoned();
        var folder = Directory.CreateDirectory(PathOf(Environment.ProcessId)).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder);
        return folder;
    }

    private static void RemoveAbandoned()
    {
        var root = System.IO.Path.GetDirectoryName(PathOf(0))!;
        if (!Directory.Exists(root))
        {
            return;
        }

        var running = Process.GetProcesses().Select(p => p.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (!running.Contains(System.IO.Path.GetFileName(folder)))
            {
                Remove(folder);
            }
        }
    }

    /// <summary>Best effort: a file still open elsewhere (Windows) or a folder another process removed first is left as is.</summary>
    private static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Trace.TraceWarning($"Dropout.MLNet could not remove its temporary folder '{folder}': {e.Message}");
        }
    }
}
