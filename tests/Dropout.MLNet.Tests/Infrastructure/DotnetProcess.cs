using System.Diagnostics;
using System.Globalization;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Runs the dotnet host with arguments and collects what it printed.</summary>
internal static class DotnetProcess
{
    /// <returns>The exit code, standard output and standard error, whatever the exit code.</returns>
    public static (int ExitCode, string Output, string Error) Run(string? workingDirectory, IEnumerable<object> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(Convert.ToString(argument, CultureInfo.InvariantCulture)!);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
