using System.Diagnostics;

namespace Dropout.MLNet.Benchmarks.Runs;

/// <summary>Runs a program to its end and returns its exit code and output; each training run gets its own process so its peak memory is its own.</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>This harness again, with other arguments: the JSON line a training run prints last.</summary>
    public static RunResult RunHarness(params string[] arguments) => RunResult.FromJson(RunHarnessText(arguments).Trim().Split('\n')[^1]);

    /// <summary>This harness again, with other arguments, whether it was started as an app host or through <c>dotnet</c>: its standard output.</summary>
    public static string RunHarnessText(params string[] arguments)
    {
        var host = Environment.ProcessPath!;
        var harness = typeof(ChildProcess).Assembly.Location;
        var all = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [harness, .. arguments] : arguments;
        var (exitCode, output, error) = Run(host, all, new Dictionary<string, string>());
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The harness run '{string.Join(' ', arguments)}' failed: {error}");
        }

        return output;
    }
}
