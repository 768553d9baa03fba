using System.Diagnostics;

namespace Dropout.MLNet.Scoring;

/// <summary>
/// This process's private folder for the ONNX model files ML.NET's ONNX transformer needs (it scores from a file and
/// saves by reading that file back). Created as <c>mkdtemp</c> creates a folder: a new, randomly named folder under the
/// user's temporary folder (<c>TMPDIR</c>, else <c>/tmp</c>), mode 0700, made in one call that fails rather than reuse
/// anything already there, so no other user can read, replace or plant files in it, and no link is followed. Model
/// files in it are created new with mode 0600 and deleted with their scorer; the folder is removed when the process
/// exits, or ends on an unhandled exception (which does not raise the exit event: an app whose fit failed that way left
/// its folder). Nothing else is ever deleted: the folder of a process that was killed stays for the system's temporary-file
/// cleaning (systemd-tmpfiles, a reboot), as any killed program's files do, since no other process can tell for sure
/// that it is abandoned.
/// A failure to create the folder is reported at once, before any training, and not remembered: the next fit tries
/// again (after <c>TMPDIR</c> is fixed, say).
/// </summary>
internal static class ScratchFolder
{
    /// <summary>The prefix of every scratch folder's name.</summary>
    public const string Prefix = "Dropout.MLNet-";

    private static readonly object Gate = new();
    private static string? _folder;

    /// <summary>
    /// This process's folder, created on first use, and again if it is gone (a temporary-file cleaner removes old folders
    /// under a long-running service); throws <see cref="InvalidOperationException"/> naming the temporary folder when it
    /// cannot be made.
    /// </summary>
    public static string Path
    {
        get
        {
            lock (Gate)
            {
                if (_folder is null || !Directory.Exists(_folder))
                {
                    _folder = Create();
                }

                return _folder;
            }
        }
    }

    /// <summary>Creates the folder now if it is not there yet, so that a bad temporary folder fails a fit before it trains.</summary>
    public static void Ensure() => _ = Path;

    /// <summary>Writes <paramref name="bytes"/> to a new file of this process's folder, readable by this user only, and returns its path.</summary>
    public static string WriteNewFile(byte[] bytes, string extension)
    {
        var path = System.IO.Path.Combine(Path, $"{Guid.NewGuid():N}{extension}");
        using var file = new FileStream(path, PrivateNewFile());
        file.Write(bytes);
        return path;
    }

    /// <summary>Options that create a file that must not exist yet, with mode 0600 where the system has modes.</summary>
    private static FileStreamOptions PrivateNewFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static string Create()
    {
        var temp = System.IO.Path.GetTempPath();
        DirectoryInfo folder;
        try
        {
            folder = Directory.CreateTempSubdirectory(Prefix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Dropout.MLNet needs a private temporary folder for ONNX Runtime's model files and could not create one in '{temp}' " +
                $"(the TMPDIR environment variable, else /tmp): {e.Message} Point TMPDIR at an existing folder this user can write.", e);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder.FullName);
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Remove(folder.FullName);
        return folder.FullName;
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
