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
        var predictions = new List<MonteCarloPrediction>();
        using var generator = new Generator((ulong)seed);
        using var network = new MlpNetwork(parameters.Spec, generator);
        NetworkWeights.Restore(network, parameters.Layers);
        network.train();
        using var noGrad = no_grad();
        foreach (var (batch, rows) in StandardizedBatches(data, model.FeatureColumnName, parameters))
        {
            using var scope = NewDisposeScope();
            var input = tensor(batch.AsSpan(0, rows * parameters.InputSize).ToArray(), [rows, parameters.InputSize]);
            predictions.AddRange(Summarize(Moments(network, input, passes, parameters.NumberOfOutputs), passes));
        }

        return predictions;
    }

    /// <summary>
    /// The sums of the passes' probabilities and of their squares, in float64; each pass is freed before the next, so
    /// memory holds one pass's activations whatever T is.
    /// </summary>
    private static (Tensor Sum, Tensor SumOfSquares) Moments(MlpNetwork network, Tensor input, int passes, int outputs)
    {
        using var one = 1.0.ToScalar();
        Tensor? sum = null;
        Tensor? squares = null;
        for (int pass = 0; pass < passes; pass++)
        {
            using var passScope = NewDisposeScope();
            var probabilities = Probabilities(network.forward(input), outputs).to_type(ScalarType.Float64);
            if (sum is null || squares is null)
            {
                sum = passScope.MoveToOuter(probabilities.clone());
                squares = passScope.MoveToOuter(probabilities.square());
            }
            else
            {
                sum.add_(probabilities, one);
                squares.addcmul_(probabilities, probabilities, one);
            }
        }

        return (sum!, squares!);
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

    private static IEnumerable<MonteCarloPrediction> Summarize((Tensor Sum, Tensor SumOfSquares) moments, int passes)
    {
        using var floor = 1e-12.ToScalar();
        using var zero = 0.0.ToScalar();
        using var count = ((double)passes).ToScalar();
        var mean = moments.Sum.div(count);
        var deviation = moments.SumOfSquares.div(count).sub_(mean.square()).clamp_min_(zero).sqrt_();
        var entropy = mean.clamp_min(floor).log().mul(mean).sum(1).neg();
        var means = mean.to_type(ScalarType.Float32).data<float>().ToArray();
        var deviations = deviation.to_type(ScalarType.Float32).data<float>().ToArray();
        var entropies = entropy.to_type(ScalarType.Float32).data<float>().ToArray();
        int classes = (int)mean.shape[1];
        for (int row = 0; row < entropies.Length; row++)
        {
            yield return new MonteCarloPrediction(means.AsSpan(row * classes, classes).ToArray(), entropies[row], deviations.AsSpan(row * classes, classes).ToArray());
        }
    }

    /// <summary>The rows' features, standardized as in training, <see cref="BatchRows"/> rows at a time (one buffer, reused).</summary>
    private static IEnumerable<(float[] Batch, int Rows)> StandardizedBatches(IDataView data, string featureColumn, DropoutMlpModelParameters parameters)
    {
        var column = data.Schema[featureColumn];
        int width = parameters.InputSize;
        var batch = new float[BatchRows * width];
        int rows = 0;
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> row = default;
        while (cursor.MoveNext())
        {
            getter(ref row);
            var values = batch.AsSpan(rows * width, width);
            row.CopyTo(values);
            if (parameters.FeatureMeans is { } means)
            {
                for (int slot = 0; slot < width; slot++)
                {
                    values[slot] = (values[slot] - means[slot]) * parameters.FeatureScales![slot];
                }
            }

            if (++rows == BatchRows)
            {
                yield return (batch, rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return (batch, rows);
        }
    }
}
