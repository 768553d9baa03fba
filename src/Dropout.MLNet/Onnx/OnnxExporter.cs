using Google.Protobuf;
using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Onnx.Proto;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Onnx;

/// <summary>
/// Writes a trained network as an ONNX model in evaluation form: standardization, then Gemm and activation per
/// layer, then the task's head. Dropout is the identity in evaluation, so no dropout or random node is written.
/// The input takes one row ([1, features]), as ML.NET's ONNX transformer feeds rows one at a time.
/// </summary>
internal static class OnnxExporter
{
    public const long OpsetVersion = 13;
    private const float InverseSqrtTwo = 0.70710678118654752f;

    public static byte[] Export(NetworkSpec spec, IReadOnlyList<LayerWeights> layers, FeatureStandardizer? standardizer,
        NativeHead head, string featureColumnName, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new OnnxGraphBuilder();
        graph.AddInput(featureColumnName, TensorProto.Types.DataType.Float, 1, spec.InputSize);
        string value = featureColumnName;
        if (standardizer is not null)
        {
            var mean = graph.AddInitializer("feature_mean", standardizer.Means, spec.InputSize);
            var scale = graph.AddInitializer("feature_scale", standardizer.Scales, spec.InputSize);
            value = graph.AddNode("Mul", [graph.AddNode("Sub", [value, mean]), scale], "standardized");
        }

        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var weight = graph.AddInitializer($"layer{i}_weight", layer.Weight, layer.Outputs, layer.Inputs);
            var bias = graph.AddInitializer($"layer{i}_bias", layer.Bias, layer.Outputs);
            value = graph.AddNode("Gemm", [value, weight, bias], attributes: OnnxGraphBuilder.Int("transB", 1));
            if (i < layers.Count - 1)
            {
                value = AddActivation(graph, spec.Activation, value);
            }
        }

        AddHeadInput(graph, value, head);

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = OnnxModelReader.Producer,
            ProducerVersion = LibraryVersion.Value,
            Domain = "dropout.mlnet",
            ModelVersion = 1,
            DocString = "A DropoutMlp network exported in evaluation mode (dropout is the identity).",
            Graph = graph.Graph,
            OpsetImport =
            {
                new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion },
            },
        };
        model.MetadataProps.AddRange(metadata.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return model.ToByteArray();
    }

    /// <summary>u = (logits − b)·(W⁺)ᵀ, as a vector, so the native head's W·u + b gives back the logits.</summary>
    private static void AddHeadInput(OnnxGraphBuilder graph, string logits, NativeHead head)
    {
        var bias = graph.AddInitializer("head_bias", head.Bias, head.Width);
        var inverse = graph.AddInitializer("head_inverse_weights", head.TransposedInverse(), head.Width, head.Width);
        var product = graph.AddNode("MatMul", [graph.AddNode("Sub", [logits, bias]), inverse]);
        graph.AddNode("Squeeze", [product, graph.AddInt64Initializer("axis_0", 0)], NativeHead.InputColumn);
        graph.AddOutput(NativeHead.InputColumn, TensorProto.Types.DataType.Float, head.Width);
    }

    private static string AddActivation(OnnxGraphBuilder graph, DropoutMlpActivation activation, string input) => activation switch
    {
        DropoutMlpActivation.Relu => graph.AddNode("Relu", [input]),
        DropoutMlpActivation.Tanh => graph.AddNode("Tanh", [input]),
        DropoutMlpActivation.Selu => graph.AddNode("Selu", [input]),
        DropoutMlpActivation.Gelu => AddGelu(graph, input),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>GELU as 0.5·x·(1 + erf(x/√2)), with operators every ONNX runtime since opset 9 has.</summary>
    private static string AddGelu(OnnxGraphBuilder graph, string input)
    {
        var inverseSqrtTwo = graph.AddInitializer($"gelu_inv_sqrt2_{input}", [InverseSqrtTwo]);
        var one = graph.AddInitializer($"gelu_one_{input}", [1f]);
        var half = graph.AddInitializer($"gelu_half_{input}", [0.5f]);
        var erf = graph.AddNode("Erf", [graph.AddNode("Mul", [input, inverseSqrtTwo])]);
        var gate = graph.AddNode("Add", [erf, one]);
        return graph.AddNode("Mul", [graph.AddNode("Mul", [input, gate]), half]);
    }
}
