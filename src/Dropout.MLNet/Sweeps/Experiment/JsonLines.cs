using System.Text;
using System.Text.Json;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Reads a file of one JSON record per line, appended to as records come, as a crash leaves it: every line but the
/// last must read (a line that does not is corruption, refused naming the file and the line); the last line may be
/// torn or NUL-padded by a write cut short, and is then left out with a warning and cut off the file, so that the next
/// record appended starts on a line of its own.
/// </summary>
internal static class JsonLines
{
    /// <summary>The records of <paramref name="path"/> (none when it does not exist).</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for messages ("sweep checkpoint").</param>
    /// <param name="warn">Told when a torn last line is left out.</param>
    /// <exception cref="InvalidDataException">A line other than the last cannot be read.</exception>
    public static List<T> Read<T>(string path, string what, Action<string> warn)
        where T : class
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var bytes = File.ReadAllBytes(path);
        var records = new List<T>();
        int kept = 0;
        for (int start = 0, number = 1; start < bytes.Length; number++)
        {
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            int end = newline < 0 ? bytes.Length : newline + 1;
            var line = bytes.AsSpan(start, end - start);
            if (Parse<T>(line) is { } record)
            {
                records.Add(record);
                kept = end;
            }
            else if (IsBlank(bytes.AsSpan(start)) && IsWhitespace(bytes.AsSpan(start)))
            {
                break;
            }
            else if (IsBlank(bytes.AsSpan(end)))
            {
                warn($"The last line ({number}) of the {what} '{path}' was cut short or NUL-padded by a write that did not finish (a crash or a kill); it is left out and removed from the file, and its trial runs again.");
                break;
            }
            else if (!IsWhitespace(line))
            {
                throw new InvalidDataException(
                    $"Line {number} of the {what} '{path}' cannot be read as a record ('{Preview(line)}'): the file is corrupt there. Restore it from a copy, delete that line and those after it to rerun those trials, or use a new checkpoint folder.");
            }

            start = end;
        }

        if (kept < bytes.Length && !IsWhitespace(bytes.AsSpan(kept)))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(kept);
        }
        else if (kept == bytes.Length && kept > 0 && bytes[^1] != (byte)'\n')
        {
            // The last record is whole but its line end was lost: the next record must not join it.
            File.AppendAllText(path, "\n");
        }

        return records;
    }

    private static T? Parse<T>(ReadOnlySpan<byte> line)
        where T : class
    {
        if (IsBlank(line) || line.Contains((byte)0))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Nothing but whitespace and NUL bytes (the padding a crash leaves).</summary>
    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept("\0 \t\r\n"u8) < 0;

    private static bool IsWhitespace(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private static string Preview(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line[..Math.Min(line.Length, 60)]).Replace('\0', '·') + (line.Length > 60 ? "…" : "");
}
