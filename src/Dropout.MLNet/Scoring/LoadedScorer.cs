using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using Dropout.MLNet.Onnx;

namespace Dropout.MLNet.Scoring;

/// <summary>
/// Recognizes the scorer chain that <see cref="ScorerFactory"/> builds, as <c>mlContext.Model.Load</c> gives it back
/// (ONNX transformer, prediction transformer, column drop), and turns it into a <see cref="DropoutMlpTransformer"/>
/// again, reading the parameters from the ONNX model the chain carries.
/// </summary>
internal static class LoadedScorer
{
    /// <summary>The model of <paramref name="transformer"/> if it is a DropoutMlp scorer chain; otherwise <see langword="null"/>.</summary>
    public static DropoutMlpTransformer? Recover(ITransformer transformer)
    {
        if (transformer is not TransformerChain<ITransformer> chain || chain.ToArray() is not [OnnxTransformer onnx, _, _])
        {
            return null;
        }

        var onnxModel = OnnxModelBytes(onnx);
        if (!OnnxModelReader.IsDropoutMlp(onnxModel))
        {
            return null;
        }

        var (parameters, featureColumnName) = OnnxModelReader.Read(onnxModel);
        return new DropoutMlpTransformer(parameters, chain, featureColumnName, parameters.InputSize, owned: null);
    }

    /// <summary>
    /// The ONNX model an ONNX transformer scores with. ML.NET keeps it private, but saves it as the "OnnxModel" stream of
    /// the transformer's folder (a 32-bit length, then the bytes), which this reads back from an in-memory save.
    /// </summary>
    private static byte[] OnnxModelBytes(OnnxTransformer onnx)
    {
        using var saved = new MemoryStream();
        new MLContext().Model.Save(onnx, null, saved);
        saved.Position = 0;
        using var zip = new ZipArchive(saved, ZipArchiveMode.Read);
        var entry = zip.Entries.Single(e => e.Name == "OnnxModel");
        using var reader = new BinaryReader(entry.Open());
        return reader.ReadBytes(reader.ReadInt32());
    }
}
