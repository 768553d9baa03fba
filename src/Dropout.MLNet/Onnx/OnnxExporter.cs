using Google.Protobuf;
using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Onnx.Proto;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Onnx;

/// <summary>
/// Writes a trained network as an ONNX model in evaluation form: centering, then Gemm and activation per layer, the
/// last Gemm giving the task's head input. Dropout is the identity in evaluation, so no dropout or random node is
/// written. The input takes one row ([1, features]), as ML.NET's ONNX transformer feeds rows one at a time, and every
/// node an ONNX Runtime call runs costs per row: the feature scale and the head's inverse are joined to the weights by
/// nodes that read initializers only, which ONNX Runtime folds into constants when it loads the model. The trained
/// weights, the standardization and the head stay in the file as they were, so the model's parameters read back
/// unchanged.
/// </summary>
internal static class OnnxExporter
{
    public const long OpsetVersion = 13;
    /// <summary>The periodic embedding's initializers (present only in models with one).</summary>
    public const string EmbeddingFrequency = "embedding_frequency", EmbeddingPhase = "embedding_phase", EmbeddingWeight = "embedding_weight", EmbeddingBias = "embedding_bias";

    /// <summary>The initializer that holds the smooth clip's 1/9 (present only in models with the clip).</summary>
    public const string ClipInitializer = "feature_clip_ninth";
    private const float InverseSqrtTwo = 0.70710678118654752f;

    /// <summary>An ensemble's members' input scales (present only in ensembles).</summary>
    public const string EnsembleScales = "ensemble_scales";

    public static byte[] Export(NetworkSpec spec, IReadOnlyList<LayerWeights> layers, EmbeddingWeights? embedding, FeatureStandardizer? standardizer,
        NativeHead head, string featureColumnName, IReadOnlyDictionary<string, string> metadata, float[]? ensembleScales = null)
    {
        var graph = new OnnxGraphBuilder();
        graph.AddInput(featureColumnName, TensorProto.Types.DataType.Float, 1, spec.InputSize);
        string value = featureColumnName;
        string? featureScale = null;
        if (standardizer is not null)
        {
            var mean = graph.AddInitializer("feature_mean", standardizer.Means, spec.InputSize);
            featureScale = graph.AddInitializer("feature_scale", standardizer.Scales, spec.InputSize);
            value = graph.AddNode("Sub", [value, mean], "centered");
            if (standardizer.SmoothClip)
            {
                value = AddSmoothClip(graph, graph.AddNode("Mul", [value, featureScale], "scaled"));
                featureScale = null;
            }
        }

        if (embedding is not null)
        {
            if (featureScale is not null)
            {
                // The embedding reads scaled features: the scale cannot join the first layer's weights.
                value = graph.AddNode("Mul", [value, featureScale], "scaled");
                featureScale = null;
            }

            value = AddPeriodicEmbedding(graph, value, embedding, spec.EmbeddedIndices);
        }

        for (int i = 0; i < layers.Count && spec.IsEnsemble; i++)
        {
            value = AddEnsembleLayer(graph, spec, layers, i, value, i == 0 ? featureScale : null,
                ensembleScales ?? throw new ArgumentException("An ensemble's export needs its members' scales.", nameof(ensembleScales)));
        }

        if (spec.IsEnsemble)
        {
            value = AddHead(graph, AddEnsembleAverage(graph, spec, value), head);
        }

        for (int i = 0; i < layers.Count && !spec.IsEnsemble; i++)
        {
            var layer = layers[i];
            var weight = graph.AddInitializer($"layer{i}_weight", layer.Weight, layer.Outputs, layer.Inputs);
            var bias = graph.AddInitializer($"layer{i}_bias", layer.Bias, layer.Outputs);
            if (i == 0 && featureScale is not null)
            {
                // (x − mean)·scale·Wᵀ = (x − mean)·(W·diag(scale))ᵀ: the scale joins the weights. Keeping the
                // subtraction apart keeps features far from zero exact (x − mean is taken before any product).
                weight = graph.AddNode("Mul", [weight, featureScale], "layer0_scaled_weight");
            }

            if (i == layers.Count - 1)
            {
                (weight, bias) = AddHeadToLastLayer(graph, weight, bias, head);
            }

            value = graph.AddNode("Gemm", [value, weight, bias], attributes: OnnxGraphBuilder.Int("transB", 1));
            if (i < layers.Count - 1)
            {
                value = AddActivation(graph, spec.Activation, value);
            }
        }

        graph.AddNode("Squeeze", [value, graph.AddInt64Initializer("axis_0", 0)], NativeHead.InputColumn);
        graph.AddOutput(NativeHead.InputColumn, TensorProto.Types.DataType.Float, head.Width);

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

    /// <summary>
    /// The last layer's weights and bias with the native head's input folded in: u = (h·Wᵀ + c − b)·(W⁺)ᵀ, a vector so
    /// the native head's W·u + b gives back the logits, is one product h·(W⁺·W)ᵀ + (c − b)·(W⁺)ᵀ.
    /// </summary>
    private static (string Weight, string Bias) AddHeadToLastLayer(OnnxGraphBuilder graph, string weight, string bias, NativeHead head)
    {
        var headBias = graph.AddInitializer("head_bias", head.Bias, head.Width);
        var inverse = graph.AddInitializer("head_inverse_weights", head.TransposedInverse(), head.Width, head.Width);
        var inverseRows = graph.AddNode("Transpose", [inverse], "head_inverse_rows");
        return (graph.AddNode("MatMul", [inverseRows, weight], "output_weight"),
                graph.AddNode("MatMul", [graph.AddNode("Sub", [bias, headBias]), inverse], "output_bias"));
    }

    /// <summary>
    /// Layer <paramref name="i"/> of an ensemble, in <see cref="MlpNetwork"/>'s order of operations: before the first, the
    /// row [1, n] times each member's scales [k, 1, n] gives [k, 1, n]; the hidden layers are shared products over the
    /// k rows; the output layer's k·outputs rows are read as [k, outputs, hidden], one product per member: [k, 1, outputs].
    /// </summary>
    private static string AddEnsembleLayer(OnnxGraphBuilder graph, NetworkSpec spec, IReadOnlyList<LayerWeights> layers, int i, string value,
        string? featureScale, float[] ensembleScales)
    {
        var layer = layers[i];
        int k = spec.EnsembleSize;
        var weight = graph.AddInitializer($"layer{i}_weight", layer.Weight, layer.Outputs, layer.Inputs);
        var bias = graph.AddInitializer($"layer{i}_bias", layer.Bias, layer.Outputs);
        if (i == 0)
        {
            var scales = graph.AddInitializer(EnsembleScales, ensembleScales, k, 1, layer.Inputs);
            value = graph.AddNode("Mul", [value, scales], "ensemble_members");
            if (featureScale is not null)
            {
                weight = graph.AddNode("Mul", [weight, featureScale], "layer0_scaled_weight");
            }
        }

        if (i < layers.Count - 1)
        {
            var product = graph.AddNode("MatMul", [value, graph.AddNode("Transpose", [weight], $"layer{i}_weight_columns")]);
            return AddActivation(graph, spec.Activation, graph.AddNode("Add", [product, bias]));
        }

        long outputs = layer.Outputs / k;
        var memberWeights = graph.AddNode("Transpose", [graph.AddNode("Reshape", [weight, graph.AddInt64Initializer("ensemble_weight_shape", k, outputs, layer.Inputs)])],
            "ensemble_weight_columns", attributes: OnnxGraphBuilder.Ints("perm", 0, 2, 1));
        var memberBias = graph.AddNode("Reshape", [bias, graph.AddInt64Initializer("ensemble_bias_shape", k, 1, outputs)], "ensemble_bias");
        return graph.AddNode("Add", [graph.AddNode("MatMul", [value, memberWeights]), memberBias], "ensemble_outputs");
    }

    /// <summary>The members' outputs [k, 1, outputs] averaged as <see cref="EnsembleAverage"/> does: [1, outputs].</summary>
    private static string AddEnsembleAverage(OnnxGraphBuilder graph, NetworkSpec spec, string members)
    {
        var overMembers = new[] { OnnxGraphBuilder.Ints("axes", 0), OnnxGraphBuilder.Int("keepdims", 0) };
        switch (spec.Output)
        {
            case NetworkOutput.Values:
                return graph.AddNode("ReduceMean", [members], "ensemble_average", attributes: overMembers);
            case NetworkOutput.ClassLogits:
                var logCount = graph.AddInitializer("ensemble_log_size", [MathF.Log(spec.EnsembleSize)]);
                var sum = graph.AddNode("ReduceLogSumExp", [graph.AddNode("LogSoftmax", [members], attributes: OnnxGraphBuilder.Int("axis", -1))], attributes: overMembers);
                return graph.AddNode("Sub", [sum, logCount], "ensemble_average");
            default:
                // log σ(z) = −softplus(−z); the logit of the mean probability is log Σ σ(z) − log Σ σ(−z).
                var positive = graph.AddNode("Neg", [graph.AddNode("Softplus", [graph.AddNode("Neg", [members])])]);
                var negative = graph.AddNode("Neg", [graph.AddNode("Softplus", [members])]);
                return graph.AddNode("Sub", [graph.AddNode("ReduceLogSumExp", [positive], attributes: overMembers),
                    graph.AddNode("ReduceLogSumExp", [negative], attributes: overMembers)], "ensemble_average");
        }
    }

    /// <summary>The native head's input from the logits [1, outputs]: u = (logits − b)·(W⁺)ᵀ (see <see cref="AddHeadToLastLayer"/>).</summary>
    private static string AddHead(OnnxGraphBuilder graph, string logits, NativeHead head)
    {
        var headBias = graph.AddInitializer("head_bias", head.Bias, head.Width);
        var inverse = graph.AddInitializer("head_inverse_weights", head.TransposedInverse(), head.Width, head.Width);
        return graph.AddNode("MatMul", [graph.AddNode("Sub", [logits, headBias]), inverse], "head_input");
    }

    private static string AddActivation(OnnxGraphBuilder graph, DropoutMlpActivation activation, string input) => activation switch
    {
        DropoutMlpActivation.Relu => graph.AddNode("Relu", [input]),
        DropoutMlpActivation.Tanh => graph.AddNode("Tanh", [input]),
        DropoutMlpActivation.Selu => graph.AddNode("Selu", [input]),
        DropoutMlpActivation.Gelu => AddGelu(graph, input),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>
    /// The smooth clip x / √(1 + x²/9) (<see cref="FeatureStandardizer.Clip"/>, in its order of float32 operations). The
    /// initializer "feature_clip_ninth" marks a model with it, for <see cref="OnnxModelReader"/>.
    /// </summary>
    private static string AddSmoothClip(OnnxGraphBuilder graph, string input)
    {
        var ninth = graph.AddInitializer(ClipInitializer, [FeatureStandardizer.ClipNinth]);
        var one = graph.AddInitializer("feature_clip_one", [1f]);
        var squared = graph.AddNode("Mul", [input, input], "feature_squared");
        var bent = graph.AddNode("Add", [graph.AddNode("Mul", [squared, ninth], "feature_squared_ninth"), one], "feature_bend");
        return graph.AddNode("Div", [input, graph.AddNode("Sqrt", [bent], "feature_bend_root")], "clipped");
    }

    /// <summary>
    /// <see cref="PeriodicEmbedding"/>'s forward pass, in its order of operations: the e embedded features gathered,
    /// [1, e] to [1, e, 16] angles 2π(w·x + b), their cosines mixed per feature by a [e, 16, 3] product plus bias, and
    /// [1, d + 3e] out: the features, then the mixed values. The initializers "embedding_*" mark a model with it.
    /// </summary>
    private static string AddPeriodicEmbedding(OnnxGraphBuilder graph, string input, EmbeddingWeights embedding, IReadOnlyList<int> indices)
    {
        int d = embedding.Features;
        var frequency = graph.AddInitializer(EmbeddingFrequency, embedding.Frequency, d, PeriodicEmbedding.Frequencies);
        var phase = graph.AddInitializer(EmbeddingPhase, embedding.Phase, d, PeriodicEmbedding.Frequencies);
        var weight = graph.AddInitializer(EmbeddingWeight, embedding.Weight, d, PeriodicEmbedding.Frequencies, PeriodicEmbedding.Mixed);
        var bias = graph.AddInitializer(EmbeddingBias, embedding.Bias, d, PeriodicEmbedding.Mixed);
        var turn = graph.AddInitializer("embedding_turn", [(float)(2 * Math.PI)]);
        var axis2 = graph.AddInt64Initializer("axis_2", 2);
        var selected = graph.AddNode("Gather", [input, graph.AddInt64Initializer("embedding_features", [.. indices.Select(i => (long)i)])], "embedding_selected",
            attributes: OnnxGraphBuilder.Int("axis", 1));
        var value = graph.AddNode("Unsqueeze", [selected, axis2], "embedding_value");
        var angle = graph.AddNode("Mul", [graph.AddNode("Add", [graph.AddNode("Mul", [value, frequency]), phase]), turn], "embedding_angle");
        var periodic = graph.AddNode("Unsqueeze", [graph.AddNode("Cos", [angle], "embedding_cos"), axis2]);
        var mixed = graph.AddNode("Add", [graph.AddNode("Squeeze", [graph.AddNode("MatMul", [periodic, weight]), axis2]), bias], "embedding_mixed");
        var flat = graph.AddNode("Reshape", [mixed, graph.AddInt64Initializer("embedding_shape", 1, (long)d * PeriodicEmbedding.Mixed)], "embedding_flat");
        return graph.AddNode("Concat", [input, flat], "embedded", attributes: OnnxGraphBuilder.Int("axis", 1));
    }

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
