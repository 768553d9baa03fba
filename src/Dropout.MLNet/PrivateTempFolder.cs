using Microsoft.ML;
using Dropout.MLNet.Scoring;

namespace Dropout.MLNet;

/// <summary>
/// This process's private temporary folder: made as <c>mkdtemp</c> makes one (a new, randomly named folder under
/// <c>TMPDIR</c> or <c>/tmp</c>, mode 0700), removed when the process exits. The trainers keep their ONNX model files
/// there, out of other users' reach. ML.NET's own ONNX transformer writes every model it loads
/// (<c>mlContext.Model.Load</c>) to <see cref="MLContext.TempFilePath"/>, the shared temporary folder by default, as a
/// file other users can read; <see cref="UsePrivateTempFolder"/> points it here.
/// </summary>
public static class PrivateTempFolder
{
    /// <summary>The folder, created on first use.</summary>
    /// <exception cref="InvalidOperationException">The folder cannot be created; the message names the temporary folder tried.</exception>
    public static string Path => ScratchFolder.Path;

    /// <summary>
    /// Sets <paramref name="mlContext"/>'s <see cref="MLContext.TempFilePath"/> to this process's private folder, so that
    /// the models it loads are written where only this user can read them, and returns it.
    /// </summary>
    /// <example><code>var mlContext = new MLContext(seed: 0).UsePrivateTempFolder();</code></example>
    public static MLContext UsePrivateTempFolder(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.TempFilePath = ScratchFolder.Path;
        return mlContext;
    }
}
