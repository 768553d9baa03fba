using Microsoft.ML;

namespace Dropout.MLNet.Benchmarks;

/// <summary>A training and a test set of 784-pixel images with labels 0-9.</summary>
internal sealed record BenchmarkData(string Name, IDataView Train, IDataView Test)
{
    /// <summary>Fashion-MNIST from <paramref name="folder"/>, or (smoke) a small synthetic stand-in.</summary>
    public static BenchmarkData Load(MLContext mlContext, bool smoke, string folder) =>
        smoke ? FashionMnist.Synthetic(mlContext, 512) : FashionMnist.Load(mlContext, folder);
}
