using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Onnx.Proto;

namespace Dropout.MLNet.Onnx;

/// <summary>
/// Reads an ONNX model written by <see cref="OnnxExporter"/> back into <see cref="DropoutMlpModelParameters"/>: the
/// weights and standardization from its initializers, the rest from its training record.
/// </summary>
internal static class OnnxModelReader
{
    public const string Producer = "Dropout.MLNet";

    /// <summary>Whether <paramref name="onnxModel"/> is a serialized ModelProto this library wrote.</summary>
    public static bool IsDropoutMlp(byte[] onnxModel) => ModelProto.Parser.ParseFrom(onnxModel).ProducerName == Producer;

    /// <summary>The model's parameters and the name of the feature column it reads.</summary>
    /// <exception cref="InvalidDataException">The model was not written by this library, or lacks a part.</exception>
    public static (DropoutMlpModelParameters Parameters, string FeatureColumnName) Read(byte[] onnxModel)
    {
        var model = ModelProto.Parser.ParseFrom(onnxModel);
        if (model.ProducerName != Producer)
        {
            throw new InvalidDataException($"The ONNX model was written by '{model.ProducerName}', not by {Producer}.");
        }

        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        var (task, spec, classNames, training, seed, residual) = TrainingRecord.Read(metadata);
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var layers = spec.LinearShapes()
            .Select((shape, i) => new LayerWeights(shape.Inputs, shape.Outputs,
                Values(initializers, $"layer{i}_weight", shape.Inputs * shape.Outputs), Values(initializers, $"layer{i}_bias", shape.Outputs)))
            .ToArray();
        var standardizer = initializers.ContainsKey("feature_mean")
            ? new FeatureStandardizer(Values(initializers, "feature_mean", spec.InputSize), Values(initializers, "feature_scale", spec.InputSize),
                smoothClip: initializers.ContainsKey(OnnxExporter.ClipInitializer))
            : null;
        int embedded = spec.EmbeddedIndices.Count;
        var embedding = spec.PeriodicEmbeddingScale is null ? null : new EmbeddingWeights(embedded,
            Values(initializers, OnnxExporter.EmbeddingFrequency, embedded * PeriodicEmbedding.Frequencies),
            Values(initializers, OnnxExporter.EmbeddingPhase, embedded * PeriodicEmbedding.Frequencies),
            Values(initializers, OnnxExporter.EmbeddingWeight, embedded * PeriodicEmbedding.Frequencies * PeriodicEmbedding.Mixed),
            Values(initializers, OnnxExporter.EmbeddingBias, embedded * PeriodicEmbedding.Mixed));
        var parameters = new DropoutMlpModelParameters(task, spec, layers, classNames, standardizer, training, onnxModel, seed)
        {
            Residuals = residual,
            Embedding = embedding,
            EnsembleScales = spec.IsEnsemble ? Values(initializers, OnnxExporter.EnsembleScales, spec.EnsembleSize * spec.FirstLayerInputs) : null,
        };
        return (parameters, model.Graph.Input[0].Name);
    }

    private static float[] Values(Dictionary<string, TensorProto> initializers, string name, int count) =>
        initializers.TryGetValue(name, out var tensor) && tensor.FloatData.Count == count
            ? [.. tensor.FloatData]
            : throw new InvalidDataException($"The ONNX model has no initializer '{name}' of {count} floats; it is not a complete DropoutMlp model.");
}
