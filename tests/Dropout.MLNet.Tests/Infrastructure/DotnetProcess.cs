using System.Diagnostics;
using System.Globalization;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Runs the dotnet host with arguments and collects what it printed.</summary>
internal static class DotnetProcess
{
    /// <returns>The exit code, standard output and standard error, whatever the exit code.</returns>
    public static (int ExitCode, string Output, string Error) Run(string? workingDirectory, IEnumerable<object> arguments) =>
        Run(Start(workingDirectory, arguments, environment: null, user: null));

    /// <summary>
    /// Starts the dotnet host with extra environment variables and, when <paramref name="user"/> is given (this process
    /// being root), as that OS user (through util-linux's setpriv, with no supplementary groups).
    /// </summary>
    public static Process Start(string? workingDirectory, IEnumerable<object> arguments, IReadOnlyDictionary<string, string>? environment, string? user)
    {
        var start = new ProcessStartInfo(user is null ? "dotnet" : "setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        var prefix = user is null ? [] : new object[] { $"--reuid={user}", $"--regid={user}", "--clear-groups", "dotnet" };
        foreach (var argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(Convert.ToString(argument, CultureInfo.InvariantCulture)!);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Waits for a process <see cref="Start"/> started and collects what it printed.</summary>
    public static (int ExitCode, string Output, string Error) Run(Process started)
    {
        using var process = started;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
