using Dropout.MLNet.Network;

namespace Dropout.MLNet.Tests.Network;

[TestClass]
public sealed class LibTorchTests
{
    [TestMethod]
    public void LoadFailureOnAnOlderLibstdcxx_NamesTheFileTheVersionAndTheFix()
    {
        var message = LibTorch.Describe("Failed to load native component LibTorchSharp", "/app/runtimes/linux-x64/native/libLibTorchSharp.so", "GLIBCXX_3.4.30");

        StringAssert.Contains(message, "'/app/runtimes/linux-x64/native/libLibTorchSharp.so' did not load");
        StringAssert.Contains(message, "needs the symbol version GLIBCXX_3.4.32");
        StringAssert.Contains(message, "has versions up to GLIBCXX_3.4.30");
        StringAssert.Contains(message, "buildTransitive/Dropout.MLNet.targets");
        StringAssert.Contains(message, "TorchSharp said: Failed to load native component LibTorchSharp");
    }

    [TestMethod]
    public void LoadFailureWithARecentLibstdcxx_PointsAtTheNativeFiles()
    {
        var message = LibTorch.Describe("cause", shimPath: null, newestSystemGlibcxx: "GLIBCXX_3.4.33");

        StringAssert.Contains(message, "libLibTorchSharp.so is not in the application's output");
        Assert.IsFalse(message.Contains("GLIBCXX_3.4.32", StringComparison.Ordinal), "not the libstdc++ advice");
    }

    [TestMethod]
    public void GlibcxxVersions_CompareAsVersions()
    {
        Assert.IsLessThan(0, string.CompareOrdinal(LibTorch.Normalize("GLIBCXX_3.4.9"), LibTorch.Normalize("GLIBCXX_3.4.30")));
        Assert.IsLessThan(0, string.CompareOrdinal(LibTorch.Normalize("GLIBCXX_3.4.30"), LibTorch.Normalize("GLIBCXX_3.4.32")));
    }
}
