using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Scoring;

/// <summary>
/// The scorer a fit builds and the ONNX model file it scores from. ML.NET's ONNX transformer reads its model from a
/// file for as long as it lives (it saves by reading that file back) and deletes a file it did not write itself only
/// never, so the file is this library's: in the process's private <see cref="ScratchFolder"/>, where no other user can
/// read or replace it between the fit and a save, deleted with the scorer.
/// </summary>
internal sealed class FittedScorer : IDisposable
{
    private readonly string _modelFile;

    public FittedScorer(TransformerChain<ITransformer> chain, string modelFile)
    {
        Chain = chain;
        _modelFile = modelFile;
    }

    /// <summary>The ONNX transformer, the native head and the column drop.</summary>
    public TransformerChain<ITransformer> Chain { get; }

    /// <summary>Closes the ONNX Runtime session, then deletes the model file.</summary>
    public void Dispose()
    {
        Chain.Dispose();
        File.Delete(_modelFile);
    }
}
