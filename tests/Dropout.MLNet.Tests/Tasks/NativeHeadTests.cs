using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;
using Dropout.MLNet.Scoring;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Tests.Tasks;

[TestClass]
public sealed class NativeHeadTests
{
    private const string HeadColumn = "HeadInput";

    /// <summary>
    /// The round trip logits → u = M(z − b) in float32 (as the ONNX graph computes it) → ML.NET's maximum-entropy scorer
    /// gives back softmax(z). The maximum-entropy W is nearly singular; the bound is float rounding, relative to the logits.
    /// </summary>
    [TestMethod]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(7)]
    [DataRow(26)]
    [DataRow(100)]
    [DataRow(1000)]
    public void MulticlassHead_ReproducesSoftmaxOfLogits_ToFloatRounding(int classes)
    {
        var mlContext = new MLContext(seed: 0);
        var classSet = new ClassSet<string>([.. Enumerable.Range(0, classes).Select(c => $"class{c}")]);
        var head = DropoutMlpTask.Multiclass.Scoring.CreateNativeHead(mlContext, classSet, "Label", HeadColumn);

        var random = new Random(classes);
        var logits = Enumerable.Range(0, 64)
            .Select(r => Enumerable.Range(0, classes).Select(_ => (float)((random.NextDouble() - 0.5) * (r % 4 == 0 ? 80 : 10))).ToArray())
            .ToArray();
        var probabilities = Score(mlContext, head, logits).GetColumn<float[]>("Score").ToArray();

        double worst = logits.Select((z, r) => LogitDifference.OfSoftmax(z, probabilities[r])).Max();
        Assert.IsLessThan(2e-6, worst, $"worst relative logit difference at {classes} classes");
    }

    [TestMethod]
    public void BinaryHead_ReproducesTheLogit_ToFloatRounding()
    {
        var mlContext = new MLContext(seed: 0);
        var head = DropoutMlpTask.Binary.Scoring.CreateNativeHead(mlContext, new ClassSet<bool>([false, true]), "Label", HeadColumn);
        float[][] logits = [.. new[] { -40f, -7.5f, -1e-3f, 0f, 2e-4f, 0.3f, 12f, 35f }.Select(z => new[] { z })];

        var scores = Score(mlContext, head, logits).GetColumn<float>("Score").ToArray();

        double worst = logits.Select((z, r) => LogitDifference.OfLogit(z[0], scores[r])).Max();
        Assert.IsLessThan(1e-6, worst);
    }

    /// <summary>u = (z − b)·Mᵀ in float32, then the head's own transformer.</summary>
    private static IDataView Score(MLContext mlContext, NativeHead head, float[][] logits)
    {
        int k = head.Width;
        var transposed = head.TransposedInverse();
        var inputs = logits.Select(z =>
        {
            var u = new float[k];
            for (int i = 0; i < k; i++)
            {
                float centered = z[i] - head.Bias[i];
                for (int j = 0; j < k; j++)
                {
                    u[j] += centered * transposed[(i * k) + j];
                }
            }

            return new HeadRow { HeadInput = u };
        });
        var schema = SchemaDefinition.Create(typeof(HeadRow));
        schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        return head.Predictor.Transform(mlContext.Data.LoadFromEnumerable(inputs, schema));
    }

    private sealed class HeadRow
    {
        public float[] HeadInput { get; set; } = [];
    }
}
