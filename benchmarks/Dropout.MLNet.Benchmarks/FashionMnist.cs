using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Benchmarks;

/// <summary>Fashion-MNIST from the IDX files of Debian's dataset-fashion-mnist, or a synthetic stand-in of the same shape.</summary>
internal static class FashionMnist
{
    public const int PixelCount = 784;
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    public static BenchmarkData Load(MLContext mlContext, string folder)
    {
        if (!File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")))
        {
            throw new FileNotFoundException(
                $"Fashion-MNIST is not in '{folder}'. On Debian: apt-get install dataset-fashion-mnist, or pass --data with the folder of the IDX files.");
        }

        return new BenchmarkData("Fashion-MNIST", Rows(mlContext, folder, "train"), Rows(mlContext, folder, "t10k"));
    }

    /// <summary>Random images whose class is visible in a block of pixels: the smoke test's data, no download needed.</summary>
    public static BenchmarkData Synthetic(MLContext mlContext, int rows)
    {
        IEnumerable<ImageRow> Make(int seed)
        {
            var random = new Random(seed);
            for (int i = 0; i < rows; i++)
            {
                var pixels = new float[PixelCount];
                uint label = (uint)(i % 10);
                for (int p = 0; p < PixelCount; p++)
                {
                    pixels[p] = (float)random.NextDouble() * 64;
                }

                pixels.AsSpan((int)label * 70, 70).Fill(255);
                yield return new ImageRow { Label = label, Pixels = pixels };
            }
        }

        return new BenchmarkData("synthetic (smoke)", mlContext.Data.LoadFromEnumerable(Make(1).ToArray()),
            mlContext.Data.LoadFromEnumerable(Make(2).ToArray()));
    }

    private static IDataView Rows(MLContext mlContext, string folder, string prefix)
    {
        var images = ReadIdx(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"));
        var labels = ReadIdx(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"));
        int count = labels.Length;
        var rows = new ImageRow[count];
        for (int i = 0; i < count; i++)
        {
            var pixels = new float[PixelCount];
            for (int p = 0; p < PixelCount; p++)
            {
                pixels[p] = images[(i * PixelCount) + p];
            }

            rows[i] = new ImageRow { Label = labels[i], Pixels = pixels };
        }

        return mlContext.Data.LoadFromEnumerable(rows);
    }

    /// <summary>The payload of a gzipped IDX file (big-endian header: magic with the rank in its last byte, then the dimensions).</summary>
    private static byte[] ReadIdx(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var bytes = memory.ToArray();
        int rank = bytes[3];
        return bytes[(4 + (4 * rank))..];
    }

    public sealed class ImageRow
    {
        public uint Label { get; set; }

        [VectorType(PixelCount)]
        public float[] Pixels { get; set; } = [];
    }
}
