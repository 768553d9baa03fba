using System.Diagnostics;
using System.Globalization;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Runs another program of this repository (built beside the tests) as a separate process.</summary>
internal static class SiblingProcess
{
    /// <param name="projectFolder">The project's folder relative to the repository root, e.g. "tests/Dropout.MLNet.LoadProbe".</param>
    public static string[] Run(string projectFolder, params object[] arguments)
    {
        var (exitCode, output, error) = RunUnchecked(projectFolder, arguments);
        Assert.AreEqual(0, exitCode, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The repository's root folder, above the tests' build output.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var testsOutput = AppContext.BaseDirectory;
            var marker = Path.Combine("tests", "Dropout.MLNet.Tests") + Path.DirectorySeparatorChar;
            return testsOutput[..testsOutput.IndexOf(marker, StringComparison.Ordinal)];
        }
    }

    /// <summary>Runs the program and returns its exit code, standard output and standard error, whatever the exit code.</summary>
    public static (int ExitCode, string Output, string Error) RunUnchecked(string projectFolder, params object[] arguments)
    {
        var testsOutput = AppContext.BaseDirectory;
        var marker = Path.Combine("tests", "Dropout.MLNet.Tests") + Path.DirectorySeparatorChar;
        var folder = testsOutput.Replace(marker, projectFolder.Replace('/', Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, Path.GetFileName(projectFolder) + ".dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(Convert.ToString(argument, CultureInfo.InvariantCulture)!);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
