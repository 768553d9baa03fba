using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Scoring;

/// <summary>
/// Builds the scorer of a trained model from ML.NET's own transformers only: the ONNX transformer over the exported
/// evaluation graph, the task's native prediction transformer, and a column drop. Saving a DropoutMlp model saves
/// this chain, which any ML.NET process with Microsoft.ML.OnnxTransformer loads, with or without Dropout.MLNet.
/// </summary>
internal static class ScorerFactory
{
    public static FittedScorer Create(byte[] onnxModel, NativeHead head, string featureColumnName, IDataView schemaSource, int seed)
    {
        var mlContext = new MLContext(seed);
        var modelFile = ScratchFolder.WriteNewFile(onnxModel, ".onnx");
        var onnxScorer = mlContext.Transforms.ApplyOnnxModel([NativeHead.InputColumn], [featureColumnName], modelFile).Fit(schemaSource);
        var headInput = onnxScorer.Transform(schemaSource);
        var drop = mlContext.Transforms.DropColumns(NativeHead.InputColumn).Fit(head.Predictor.Transform(headInput));
        return new FittedScorer(new TransformerChain<ITransformer>(onnxScorer, head.Predictor, drop), modelFile);
    }
}
