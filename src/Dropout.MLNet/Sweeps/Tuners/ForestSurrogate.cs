using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// The model of a <see cref="SmacTuner"/>: ML.NET's FastForest regression fitted on finished trials (unit coordinates
/// to loss); each tree's prediction is read from the trained ensemble, so a candidate gets a mean and a spread.
/// </summary>
internal sealed class ForestSurrogate
{
    private readonly IReadOnlyList<RegressionTreeBase> _trees;

    private ForestSurrogate(IReadOnlyList<RegressionTreeBase> trees) => _trees = trees;

    public static ForestSurrogate Fit(IReadOnlyList<double[]> points, IReadOnlyList<double> losses, int trees, int seed)
    {
        var mlContext = new MLContext(seed);
        int dimensions = points[0].Length;
        var rows = points.Select((p, i) => new Row { Features = p.Select(v => (float)v).ToArray(), Label = (float)losses[i] }).ToArray();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        var data = mlContext.Data.LoadFromEnumerable(rows, schema);
        var forest = mlContext.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = trees,
            NumberOfLeaves = Math.Max(2, Math.Min(8, rows.Length / 2)),
            MinimumExampleCountPerLeaf = 1,
            FeatureFraction = 0.8,
            Seed = seed,
            NumberOfThreads = 1,
        }).Fit(data);
        return new ForestSurrogate(forest.Model.TrainedTreeEnsemble.Trees);
    }

    /// <summary>The mean and the standard deviation of the trees' predictions at a point.</summary>
    public (double Mean, double StandardDeviation) Predict(double[] point)
    {
        double sum = 0;
        double squares = 0;
        foreach (var tree in _trees)
        {
            double value = tree.LeafValues[Leaf(tree, point)];
            sum += value;
            squares += value * value;
        }

        double mean = sum / _trees.Count;
        return (mean, Math.Sqrt(Math.Max(0, (squares / _trees.Count) - (mean * mean))));
    }

    private static int Leaf(RegressionTreeBase tree, double[] point)
    {
        if (tree.NumberOfLeaves <= 1)
        {
            return 0;
        }

        int node = 0;
        while (node >= 0)
        {
            node = point[tree.NumericalSplitFeatureIndexes[node]] <= tree.NumericalSplitThresholds[node] ? tree.LeftChild[node] : tree.RightChild[node];
        }

        return ~node;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
