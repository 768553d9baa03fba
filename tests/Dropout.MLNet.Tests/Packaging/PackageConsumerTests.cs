using System.Diagnostics;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests.Packaging;

/// <summary>
/// The package as a user gets it: packed from this build, restored from a local folder feed by a console app outside the
/// repository (so none of the repository's MSBuild files apply), which trains, saves, loads and scores. On Debian 12 the
/// fit only runs if the package's buildTransitive logic made TorchSharp's native shim loadable in the app's output.
/// </summary>
[TestClass]
public sealed class PackageConsumerTests
{
    private string _scratch = null!;

    [TestInitialize]
    public void CreateScratchFolder() => _scratch = Directory.CreateTempSubdirectory("dropout-consumer-").FullName;

    [TestCleanup]
    public void DeleteScratchFolder() => Directory.Delete(_scratch, recursive: true);

    [TestMethod]
    public void PackedLibrary_TrainsSavesLoadsAndScores_InAnAppOutsideTheRepository()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_scratch, "feed")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_scratch, "app")).FullName;
        string version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        // The library as this test run built it (dotnet pack alone would pack Release, which may be stale or absent).
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        Run(SiblingProcess.RepositoryRoot, "pack", "src/Dropout.MLNet", "--no-build", "-c", configuration, "-o", feed, $"-p:Version={version}");
        File.WriteAllText(Path.Combine(app, "nuget.config"), ConsumerFiles.NuGetConfig(feed));
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), ConsumerFiles.Project(version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerFiles.Program);

        var output = Run(app, "run");

        var accuracy = output.Split('\n').Single(line => line.StartsWith("accuracy ", StringComparison.Ordinal));
        Assert.IsGreaterThan(0.9, double.Parse(accuracy["accuracy ".Length..], System.Globalization.CultureInfo.InvariantCulture), output);
        Assert.IsTrue(Directory.EnumerateFiles(Path.Combine(app, "bin"), "libLibTorchSharp.so", SearchOption.AllDirectories).Any(), "the shim is in the app's output");

        // Opted out of the fix, on a system whose libstdc++ lacks the version: one clear error, not TorchSharp's trace.
        if (LibTorch.NewestSystemGlibcxx() is { } newest && string.CompareOrdinal(LibTorch.Normalize(newest), LibTorch.Normalize("GLIBCXX_3.4.32")) < 0)
        {
            Directory.Delete(Path.Combine(app, "bin"), recursive: true);
            Directory.Delete(Path.Combine(app, "obj"), recursive: true);
            var (exitCode, _, error) = RunUnchecked(app, "run", "-p:DropoutMLNetWeakenGlibcxxRequirement=false");
            Assert.AreNotEqual(0, exitCode);
            StringAssert.Contains(error, "libtorch could not be loaded, so DropoutMlp cannot train");
            StringAssert.Contains(error, $"has versions up to {newest}");
        }
    }

    private static string Run(string folder, params string[] arguments)
    {
        var (exitCode, output, error) = RunUnchecked(folder, arguments);
        Assert.AreEqual(0, exitCode, $"dotnet {string.Join(' ', arguments)} failed:\n{output}\n{error}");
        return output;
    }

    private static (int ExitCode, string Output, string Error) RunUnchecked(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
