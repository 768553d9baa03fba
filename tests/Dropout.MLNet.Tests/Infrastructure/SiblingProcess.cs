namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Runs another program of this repository (built beside the tests) as a separate process.</summary>
internal static class SiblingProcess
{
    private static readonly string TestsFolder = Path.Combine("tests", "Dropout.MLNet.Tests") + Path.DirectorySeparatorChar;

    /// <param name="projectFolder">The project's folder relative to the repository root, e.g. "tests/Dropout.MLNet.LoadProbe".</param>
    public static string[] Run(string projectFolder, params object[] arguments)
    {
        var (exitCode, output, error) = RunUnchecked(projectFolder, arguments);
        Assert.AreEqual(0, exitCode, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The repository's root folder, above the tests' build output.</summary>
    public static string RepositoryRoot => AppContext.BaseDirectory[..AppContext.BaseDirectory.IndexOf(TestsFolder, StringComparison.Ordinal)];

    /// <summary>Runs the program and returns its exit code, standard output and standard error, whatever the exit code.</summary>
    public static (int ExitCode, string Output, string Error) RunUnchecked(string projectFolder, params object[] arguments) =>
        DotnetProcess.Run(null, [Program(projectFolder), .. arguments]);

    /// <summary>
    /// Starts the program without waiting for it (its output is discarded), to be killed by the caller. Its temporary
    /// files go to <paramref name="temporaryFolder"/>, which the caller deletes: a killed process cannot remove its own.
    /// </summary>
    public static System.Diagnostics.Process Start(string projectFolder, string temporaryFolder, params object[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var variable in new[] { "TMPDIR", "TMP", "TEMP" })
        {
            start.Environment[variable] = temporaryFolder;
        }

        foreach (var argument in new object[] { Program(projectFolder) }.Concat(arguments))
        {
            start.ArgumentList.Add(Convert.ToString(argument, System.Globalization.CultureInfo.InvariantCulture)!);
        }

        var process = System.Diagnostics.Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The built program's assembly, to run with <c>dotnet</c>.</summary>
    public static string Program(string projectFolder)
    {
        var folder = AppContext.BaseDirectory.Replace(TestsFolder, projectFolder.Replace('/', Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        return Path.Combine(folder, Path.GetFileName(projectFolder) + ".dll");
    }
}
