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
        var app = CreateApp(ConsumerFiles.Program);

        var output = Run(app, "run");

        var accuracy = output.Split('\n').Single(line => line.StartsWith("accuracy ", StringComparison.Ordinal));
        Assert.IsGreaterThan(0.9, double.Parse(accuracy["accuracy ".Length..], System.Globalization.CultureInfo.InvariantCulture), output);
        Assert.IsTrue(Directory.EnumerateFiles(Path.Combine(app, "bin"), "libLibTorchSharp.so", SearchOption.AllDirectories).Any(), "the shim is in the app's output");

        // Opted out of the fix, on a system whose libstdc++ lacks the version: one clear error, not TorchSharp's trace.
        if (LibTorch.NewestSystemGlibcxx() is { } newest && LibTorch.LacksRequiredGlibcxx(newest))
        {
            Directory.Delete(Path.Combine(app, "bin"), recursive: true);
            Directory.Delete(Path.Combine(app, "obj"), recursive: true);
            // Its own temporary folder, to see what the failed app leaves there: its private folder is made before the
            // fit fails, and the unhandled exception that ends the app must not leave it behind.
            var temporary = Directory.CreateDirectory(Path.Combine(_scratch, "tmp")).FullName;
            var (exitCode, _, error) = DotnetProcess.Run(DotnetProcess.Start(app, ["run", "-p:DropoutMLNetWeakenGlibcxxRequirement=false"],
                new Dictionary<string, string> { ["TMPDIR"] = temporary }, user: null));
            Assert.AreNotEqual(0, exitCode);
            StringAssert.Contains(error, "libtorch could not be loaded, so DropoutMlp cannot train");
            StringAssert.Contains(error, $"has versions up to {newest}");
            Assert.IsEmpty(Directory.GetDirectories(temporary, "Dropout.MLNet-*"), "the failed app removed its private folder");
        }
    }

    [TestMethod]
    public void PackedLibrary_TrainsBesideMicrosoftMLTorchSharp_InOneApp()
    {
        // Microsoft.ML.TorchSharp 0.24.0 is built on Microsoft.ML 6.0.0 and the same TorchSharp (0.107.0) as this package.
        var app = CreateApp(ConsumerFiles.ProgramBesideTorchSharp, ("Microsoft.ML.TorchSharp", "0.24.0"));

        var output = Run(app, "run");

        StringAssert.Contains(output, "estimator TextClassificationTrainer");
        StringAssert.Contains(output, "torch 3.0");
        StringAssert.Contains(output, "mlnet 6.0.0");
        var epochs = output.Split('\n').Single(line => line.StartsWith("dropout epochs ", StringComparison.Ordinal));
        Assert.IsGreaterThan(0, int.Parse(epochs["dropout epochs ".Length..], System.Globalization.CultureInfo.InvariantCulture), output);
    }

    /// <summary>A console app outside the repository that restores this build of the package (and <paramref name="otherPackages"/>) from a folder feed.</summary>
    private string CreateApp(string program, params (string Id, string Version)[] otherPackages)
    {
        var feed = Directory.CreateDirectory(Path.Combine(_scratch, "feed")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_scratch, "app")).FullName;
        string version = $"0.2.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        // The library as this test run built it (dotnet pack alone would pack Release, which may be stale or absent).
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        Run(SiblingProcess.RepositoryRoot, "pack", "src/Dropout.MLNet", "--no-build", "-c", configuration, "-o", feed, $"-p:Version={version}");
        File.WriteAllText(Path.Combine(app, "nuget.config"), ConsumerFiles.NuGetConfig(feed));
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), ConsumerFiles.Project(version, otherPackages));
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        return app;
    }

    private static string Run(string folder, params string[] arguments)
    {
        var (exitCode, output, error) = DotnetProcess.Run(folder, arguments);
        Assert.AreEqual(0, exitCode, $"dotnet {string.Join(' ', arguments)} failed:\n{output}\n{error}");
        return output;
    }
}
