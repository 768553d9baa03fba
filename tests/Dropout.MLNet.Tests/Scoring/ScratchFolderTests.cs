using Dropout.MLNet.Scoring;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Scoring;

/// <summary>
/// The ONNX model files a fit needs live where no other user of the machine can read, replace or remove them, and a
/// temporary folder shared by several users (a sticky /tmp), a planted link, a file in the way or an unusable TMPDIR
/// neither breaks a fit nor makes the library delete what it did not create. The multi-user cases run the sample as
/// root and as nobody, so they need root; elsewhere they are inconclusive.
/// </summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ScratchFolderTests
{
    private const string Nobody = "65534";
    private string _temp = null!;

    [TestInitialize]
    public void CreateSharedTemp()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes and users.");
        }

        _temp = Directory.CreateTempSubdirectory("dropout-shared-tmp-").FullName;
        File.SetUnixFileMode(_temp, (UnixFileMode)0b1_111_111_111);
    }

    [TestCleanup]
    public void DeleteSharedTemp() => Directory.Delete(_temp, recursive: true);

    [TestMethod]
    public void AFitsModelFile_IsInAFolderOnlyThisUserCanOpen_AndReadableByThisUserOnly()
    {
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.RingsWithKeyLabel(mlContext, 90, seed: 1);
        var before = Directory.GetFiles(ScratchFolder.Path);
        using var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 2).Fit(data);
        var modelFile = Directory.GetFiles(ScratchFolder.Path).Except(before).Single();

        var folder = new DirectoryInfo(ScratchFolder.Path);
        Assert.AreEqual(Path.GetFullPath(Path.GetTempPath()), Path.GetFullPath(folder.Parent!.FullName + Path.DirectorySeparatorChar));
        Assert.StartsWith(ScratchFolder.Prefix, folder.Name);
        Assert.IsNull(folder.LinkTarget);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, folder.UnixFileMode);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(modelFile));
    }

    [TestMethod]
    public void AFolderATemporaryFileCleanerRemoved_IsMadeAgain_BeforeTheNextFit()
    {
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.RingsWithKeyLabel(mlContext, 90, seed: 1);
        var removed = ScratchFolder.Path;
        // Moved away rather than deleted, and back afterwards: models of other tests still read their files there.
        Directory.Move(removed, removed + ".cleaned");
        try
        {
            using var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 2).Fit(data);

            Assert.AreNotEqual(removed, ScratchFolder.Path, "a new private folder");
            Assert.IsTrue(Directory.Exists(ScratchFolder.Path));
            Assert.AreEqual(90, model.Transform(data).GetColumn<float[]>("Score").Count());
        }
        finally
        {
            Directory.Move(removed + ".cleaned", removed);
        }
    }

    [TestMethod]
    public void UsePrivateTempFolder_PutsTheModelsMLNetLoads_InThePrivateFolder()
    {
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.RingsWithKeyLabel(mlContext, 90, seed: 1);
        using var saved = new MemoryStream();
        using (var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 2).Fit(data))
        {
            mlContext.Model.Save(model, data.Schema, saved);
        }

        var before = Directory.GetFiles(PrivateTempFolder.Path);
        saved.Position = 0;
        var loaded = new MLContext(seed: 1).UsePrivateTempFolder().Model.Load(saved, out _);

        Assert.AreEqual(ScratchFolder.Path, PrivateTempFolder.Path);
        Assert.HasCount(1, Directory.GetFiles(PrivateTempFolder.Path).Except(before).ToArray(), "ML.NET's copy of the loaded ONNX model");
        Assert.AreEqual(90, loaded.Transform(data).GetColumn<float[]>("Score").Count());
    }

    [TestMethod]
    public void TwoOsUsers_OnOneStickyTemp_InTurn_BothTrainSaveAndLeaveNothing()
    {
        RequireRoot();

        var first = Sample(user: null, "root-first");
        var second = Sample(Nobody, "nobody-second");
        var third = Sample(user: null, "root-third");

        foreach (var (run, name) in new[] { (first, "root-first"), (second, "nobody-second"), (third, "root-third") })
        {
            AssertTrainedAndSaved(DotnetProcess.Run(run), name);
        }

        Assert.IsEmpty(Directory.GetDirectories(_temp, ScratchFolder.Prefix + "*"), "each process removed its own folder at exit");
    }

    [TestMethod]
    public void TwoOsUsers_OnOneStickyTemp_AtOnce_BothTrainAndSave()
    {
        RequireRoot();

        var root = Sample(user: null, "root-together");
        var nobody = Sample(Nobody, "nobody-together");

        AssertTrainedAndSaved(DotnetProcess.Run(root), "root-together");
        AssertTrainedAndSaved(DotnetProcess.Run(nobody), "nobody-together");
    }

    [TestMethod]
    public void APlantedLink_AndAFileInTheWay_AreLeftAsTheyAre()
    {
        var victim = Directory.CreateDirectory(Path.Combine(_temp, "victim"));
        victim.CreateSubdirectory("1");
        victim.CreateSubdirectory("999999");
        Directory.CreateSymbolicLink(Path.Combine(_temp, "Dropout.MLNet"), victim.FullName);
        Directory.CreateSymbolicLink(Path.Combine(_temp, ScratchFolder.Prefix + "planted"), victim.FullName);
        File.WriteAllText(Path.Combine(_temp, "Dropout.MLNet.file"), "someone else's");

        AssertTrainedAndSaved(DotnetProcess.Run(Sample(user: null, "planted")), "planted");

        CollectionAssert.AreEquivalent(new[] { "1", "999999" }, victim.GetDirectories().Select(d => d.Name).ToArray());
        Assert.AreEqual("someone else's", File.ReadAllText(Path.Combine(_temp, "Dropout.MLNet.file")));
        Assert.IsTrue(Directory.Exists(Path.Combine(_temp, ScratchFolder.Prefix + "planted")));
    }

    [TestMethod]
    public void AMissingTemp_FailsTheFitBeforeTraining_NamingTmpdir()
    {
        var missing = Path.Combine(_temp, "no-such-folder");

        var (exitCode, output, error) = DotnetProcess.Run(Sample(user: null, "missing", missing));

        AssertRefusedBeforeTraining(exitCode, output, error, missing);
    }

    [TestMethod]
    public void AnUnwritableTemp_FailsTheFitBeforeTraining_NamingTmpdir()
    {
        RequireRoot();
        var unwritable = Directory.CreateDirectory(Path.Combine(_temp, "root-only")).FullName;
        File.SetUnixFileMode(unwritable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var (exitCode, output, error) = DotnetProcess.Run(Sample(Nobody, "unwritable", unwritable));

        AssertRefusedBeforeTraining(exitCode, output, error, unwritable);
    }

    private static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Inconclusive("Running the sample as a second OS user (nobody) needs root.");
        }
    }

    /// <summary>Starts the sample with <c>TMPDIR</c> set, as <paramref name="user"/>, writing to an output folder of its own that user owns.</summary>
    private System.Diagnostics.Process Sample(string? user, string name, string? temp = null)
    {
        var output = Directory.CreateDirectory(Path.Combine(_temp, "outputs", name)).FullName;
        if (user is not null)
        {
            File.SetUnixFileMode(Path.Combine(_temp, "outputs"), (UnixFileMode)0b111_101_101);
            Chown(output, user);
        }

        var environment = new Dictionary<string, string> { ["TMPDIR"] = temp ?? _temp, ["HOME"] = output, ["DOTNET_CLI_HOME"] = output };
        var program = user is null ? SiblingProcess.Program("samples/TabularClassification") : ProgramForOtherUsers.Value;
        return DotnetProcess.Start(output, [program, "--epochs", 3, "--output", output], environment, user);
    }

    /// <summary>
    /// The sample's build output where another user can run it: the clone may sit in a folder only its owner can enter
    /// (a mktemp folder is 0700), so it is linked (copied across file systems) into a world-readable folder once.
    /// </summary>
    private static readonly Lazy<string> ProgramForOtherUsers = new(() =>
    {
        var program = SiblingProcess.Program("samples/TabularClassification");
        var staged = Directory.CreateTempSubdirectory("dropout-sample-for-others-").FullName;
        File.SetUnixFileMode(staged, (UnixFileMode)0b111_101_101);
        var source = Path.GetDirectoryName(program)! + "/.";
        if (Run("cp", "-al", source, staged) != 0 && Run("cp", "-a", source, staged) != 0)
        {
            Assert.Fail($"Could not copy the sample's build output to {staged}.");
        }

        Run("chmod", "-R", "a+rX", staged);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(staged, recursive: true);
        return Path.Combine(staged, Path.GetFileName(program));
    });

    private static int Run(string command, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(command, arguments)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Chown(string path, string user)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [$"{user}:{user}", path])!;
        chown.WaitForExit();
        Assert.AreEqual(0, chown.ExitCode, $"chown {user} {path}");
    }

    private void AssertTrainedAndSaved((int ExitCode, string Output, string Error) run, string name)
    {
        Assert.AreEqual(0, run.ExitCode, $"{name}: {run.Error}{run.Output}");
        StringAssert.Contains(run.Output, "epoch   1 ", name);
        Assert.IsTrue(File.Exists(Path.Combine(_temp, "outputs", name, "PenguinsModel.mlnet")), name);
    }

    private static void AssertRefusedBeforeTraining(int exitCode, string output, string error, string temp)
    {
        Assert.AreNotEqual(0, exitCode, output);
        StringAssert.Contains(error + output, "TMPDIR");
        StringAssert.Contains(error + output, temp);
        Assert.DoesNotContain("epoch   1 ", output, "refused before the first epoch");
    }
}
