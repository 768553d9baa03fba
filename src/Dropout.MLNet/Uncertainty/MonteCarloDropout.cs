using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet;

/// <summary>
/// Monte Carlo dropout (Gal and Ghahramani, 2016), an explicit, opt-in prediction: the trained network is rebuilt
/// from the model's weights and run T times with its dropout active, under a seed. The model itself, its transformer and
/// every saved copy keep predicting in evaluation mode; nothing here changes them.
/// </summary>
public static class MonteCarloDropout
{
    private const int BatchRows = 4096;

    /// <summary>Runs <paramref name="passes"/> stochastic forward passes over every row of <paramref name="data"/>.</summary>
    /// <param name="model">A model trained by a DropoutMlp trainer (with a dropout rate above zero somewhere).</param>
    /// <param name="data">Rows with the model's feature column, featurized as in training.</param>
    /// <param name="passes">T, the number of passes: at least 2.</param>
    /// <param name="seed">The seed of the dropout masks: the same seed gives the same predictions.</param>
    /// <returns>One prediction per row, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">The feature column is missing or of another size, or the model has no dropout.</exception>
    public static IReadOnlyList<MonteCarloPrediction> Predict(DropoutMlpTransformer model, IDataView data, int passes = 30, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (passes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(passes), passes, "Monte Carlo dropout needs at least 2 passes (T >= 2); 30 or more is usual.");
        }

        var parameters = model.Model;
        if (parameters.InputDropoutRate == 0f && parameters.HiddenLayerDropoutRates.All(r => r == 0f))
        {
            throw new ArgumentException("The model was trained without dropout (every rate is 0), so its passes would all agree; train with a dropout rate above 0.", nameof(model));
        }

        model.CheckInput(data.Schema);
        var features = ReadStandardized(data, model.FeatureColumnName, parameters);
        int rows = features.Length / parameters.InputSize;
        var predictions = new List<MonteCarloPrediction>(rows);

        using var generator = new Generator((ulong)seed);
        using var network = new MlpNetwork(parameters.Spec, generator);
        NetworkWeights.Restore(network, parameters.Layers);
        network.train();
        using var noGrad = no_grad();
        for (int start = 0; start < rows; start += BatchRows)
        {
            using var scope = NewDisposeScope();
            int size = Math.Min(BatchRows, rows - start);
            var input = tensor(features.AsSpan(start * parameters.InputSize, size * parameters.InputSize).ToArray(), [size, parameters.InputSize]);
            var samples = stack(Enumerable.Range(0, passes).Select(_ => Probabilities(network.forward(input), parameters.NumberOfOutputs)).ToArray());
            predictions.AddRange(Summarize(samples));
        }

        return predictions;
    }

    /// <summary>Class probabilities of one pass: softmax, or [1 - σ, σ] for a binary model's single logit.</summary>
    private static Tensor Probabilities(Tensor logits, int outputs)
    {
        if (outputs > 1)
        {
            return logits.softmax(1);
        }

        using var one = 1.0.ToScalar();
        var positive = logits.sigmoid();
        return cat([positive.neg().add_(one, one), positive], 1);
    }

    private static IEnumerable<MonteCarloPrediction> Summarize(Tensor samples)
    {
        using var floor = 1e-12.ToScalar();
        var mean = samples.mean([0]);
        var deviation = samples.std(0, unbiased: false);
        var entropy = mean.clamp_min(floor).log().mul(mean).sum(1).neg();
        var means = mean.data<float>().ToArray();
        var deviations = deviation.data<float>().ToArray();
        var entropies = entropy.data<float>().ToArray();
        int classes = (int)mean.shape[1];
        for (int row = 0; row < entropies.Length; row++)
        {
            yield return new MonteCarloPrediction(means.AsSpan(row * classes, classes).ToArray(), entropies[row], deviations.AsSpan(row * classes, classes).ToArray());
        }
    }

    private static float[] ReadStandardized(IDataView data, string featureColumn, DropoutMlpModelParameters parameters)
    {
        var column = data.Schema[featureColumn];
        int width = parameters.InputSize;
        var values = new List<float>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> row = default;
        var dense = new float[width];
        while (cursor.MoveNext())
        {
            getter(ref row);
            row.CopyTo(dense);
            for (int slot = 0; slot < width; slot++)
            {
                values.Add(parameters.FeatureMeans is { } means ? (dense[slot] - means[slot]) * parameters.FeatureScales![slot] : dense[slot]);
            }
        }

        return [.. values];
    }
}
