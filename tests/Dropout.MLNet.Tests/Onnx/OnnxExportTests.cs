using Microsoft.ML;
using Dropout.MLNet.Onnx.Proto;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests.Onnx;

[TestClass]
public sealed class OnnxExportTests
{
    private static readonly string[] RandomOps = ["Dropout", "RandomUniform", "RandomUniformLike", "RandomNormal", "RandomNormalLike", "Bernoulli", "Multinomial"];

    [TestMethod]
    [DataRow(DropoutMlpActivation.Relu)]
    [DataRow(DropoutMlpActivation.Gelu)]
    [DataRow(DropoutMlpActivation.Tanh)]
    [DataRow(DropoutMlpActivation.Selu)]
    public void ExportedGraph_IsTheEvalGraph_WithTheTrainingRecord(DropoutMlpActivation activation)
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 120, seed: 1);
        var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [16, 8],
            DropoutRate = 0.5f,
            InputDropoutRate = 0.2f,
            Activation = activation,
            MaximumNumberOfEpochs = 3,
            Seed = 42,
        }).Fit(train).Model;

        var graph = ModelProto.Parser.ParseFrom(model.GetOnnxModel());

        var ops = graph.Graph.Node.Select(n => n.OpType).ToArray();
        CollectionAssert.AreEqual(Array.Empty<string>(), ops.Intersect(RandomOps).ToArray(), "no dropout or random node");
        Assert.AreEqual(3, ops.Count(op => op == "Gemm"));
        var metadata = graph.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.AreEqual("42", metadata["dropout_mlnet.seed"]);
        Assert.AreEqual(model.BestEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["dropout_mlnet.best_epoch"]);
        StringAssert.Contains(metadata["dropout_mlnet.options"], "\"DropoutRate\":0.5");
        StringAssert.Contains(metadata["dropout_mlnet.options"], $"\"Activation\":\"{activation}\"");
        Assert.IsFalse(string.IsNullOrEmpty(metadata["dropout_mlnet.library_version"]));
    }

    [TestMethod]
    [DataRow(new[] { 16, 8 }, new[] { "Sub", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Squeeze" })]
    [DataRow(new int[0], new[] { "Sub", "Gemm", "Squeeze" })]
    public void ARow_GoesThroughCentering_TheLayers_AndNothingElse(int[] hidden, string[] rowPath)
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 120, seed: 1);
        var transformer = mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = hidden,
            MaximumNumberOfEpochs = 3,
            NumericalEmbedding = NumericalEmbedding.None,
            FeatureScaling = FeatureScaling.Standard,
        }).Fit(train);

        // The plain network's graph (the embedding's and the smooth clip's nodes are TrainingPartsTests'). The feature scale and the head's inverse join the weights in nodes that read initializers only (folded by
        // ONNX Runtime at load); the parameters read back unchanged (LoadedModelTests).
        var graph = ModelProto.Parser.ParseFrom(transformer.Model.GetOnnxModel()).Graph;
        var fromRow = new HashSet<string> { graph.Input[0].Name };
        var path = graph.Node.Where(node => node.Input.Any(fromRow.Contains)).Select(node =>
        {
            fromRow.UnionWith(node.Output);
            return node.OpType;
        }).ToArray();
        CollectionAssert.AreEqual(rowPath, path);
    }

    [TestMethod]
    [DataRow(DropoutKind.Standard, DropoutMlpActivation.Relu)]
    [DataRow(DropoutKind.Gaussian, DropoutMlpActivation.Relu)]
    [DataRow(DropoutKind.Alpha, DropoutMlpActivation.Selu)]
    [DataRow(DropoutKind.DropConnect, DropoutMlpActivation.Relu)]
    public void EveryDropoutKind_TrainsAndExportsTheSameEvalGraph(DropoutKind kind, DropoutMlpActivation activation)
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 1);
        var test = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 2);
        var transformer = mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = [32, 16],
            DropoutRate = 0.2f,
            InputDropoutRate = 0.1f,
            DropoutKind = kind,
            Activation = activation,
            MaximumNumberOfEpochs = 80,
            EarlyStoppingPatience = null,
            LearningRate = 0.01f,
        }).Fit(train);

        var ops = ModelProto.Parser.ParseFrom(transformer.Model.GetOnnxModel()).Graph.Node.Select(n => n.OpType).ToArray();
        CollectionAssert.AreEqual(Array.Empty<string>(), ops.Intersect(RandomOps).ToArray(), "no dropout or random node");
        Assert.AreEqual(3, ops.Count(op => op == "Gemm"), "the same three layers");
        Assert.AreEqual(kind, transformer.Model.DropoutKind);
        ModelAssert.ScoresEqual(transformer.Transform(test), transformer.Transform(test), tolerance: 0f);
        Assert.IsGreaterThan(0.8, mlContext.MulticlassClassification.Evaluate(transformer.Transform(test)).MicroAccuracy, $"{kind} learns the rings");
    }
}
