using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>
/// Data built for a wide network to overfit: three classes from linear scores of 10 features, of which 20% of the
/// labels are replaced at random; few training rows, many test rows from the same distribution.
/// </summary>
internal static class OverfitData
{
    public const int FeatureCount = 10;

    public static IDataView Load(MLContext mlContext, int count, int seed) => mlContext.Data.LoadFromEnumerable(Rows(count, seed));

    /// <summary>The featurization of a sweep's pipeline: the string label becomes the key "Label".</summary>
    public static IEstimator<ITransformer> Featurizer(MLContext mlContext) =>
        mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Class));

    /// <summary>A wide network with nothing else to stop it from overfitting: no validation split, no early stopping.</summary>
    public static DropoutMlpMulticlassTrainer.Options WideNetwork(int epochs) => new()
    {
        HiddenLayerSizes = [256, 256],
        DropoutRate = 0f,
        LearningRate = 1e-3f,
        BatchSize = 32,
        MaximumNumberOfEpochs = epochs,
        ValidationFraction = 0f,
        EarlyStoppingPatience = null,
        NumberOfThreads = 2,
        // The plain network this fixture was made to overfit with (its epochs and rates were set on it).
        NumericalEmbedding = NumericalEmbedding.None,
        FeatureScaling = FeatureScaling.Standard,
    };

    private static IEnumerable<Row> Rows(int count, int seed)
    {
        var weights = new Random(12345);
        var w = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, FeatureCount).Select(_ => (weights.NextDouble() * 2) - 1).ToArray()).ToArray();
        var random = new Random(seed);
        string[] names = ["a", "b", "c"];
        for (int i = 0; i < count; i++)
        {
            var x = Enumerable.Range(0, FeatureCount).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            int label = Enumerable.Range(0, 3).MaxBy(c => w[c].Select((v, j) => v * x[j]).Sum());
            if (random.NextDouble() < 0.2)
            {
                label = random.Next(3);
            }

            yield return new Row { Class = names[label], Features = x };
        }
    }

    public sealed class Row
    {
        public string Class { get; set; } = string.Empty;

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }
}
