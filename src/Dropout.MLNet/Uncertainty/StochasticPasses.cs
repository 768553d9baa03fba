using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet;

/// <summary>
/// The passes of Monte Carlo dropout: the trained network is rebuilt from the model's weights, put in training mode
/// (dropout active) under a seeded generator, and run T times over each batch of rows (<see cref="DropoutPasses"/>); each
/// batch's mean and variance over the passes go to the caller before the next batch.
/// </summary>
internal static class StochasticPasses
{
    private const int BatchRows = 4096;

    /// <summary>The most features a batch holds (16 million floats, 64 MB): wide rows come fewer at a time, so no array outgrows its limit.</summary>
    private const int BatchValues = 1 << 24;

    /// <summary>Checks the arguments every Monte Carlo prediction shares.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">The feature column is missing or of another size, or the model has no dropout.</exception>
    public static void Check(DropoutMlpTransformer model, IDataView data, int passes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (passes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(passes), passes, "Monte Carlo dropout needs at least 2 passes (T >= 2); 30 or more is usual.");
        }

        var parameters = model.Model;
        if (parameters.InputDropoutRate == 0f && parameters.HiddenLayerDropoutRates.All(r => r == 0f) && parameters.EnsembleSize == 1)
        {
            throw new ArgumentException("The model was trained without dropout (every rate is 0) and is one network, so its passes would all agree; train with a dropout rate above 0 or an EnsembleSize above 1.", nameof(model));
        }

        model.CheckInput(data.Schema);
    }

    /// <summary>
    /// Runs <paramref name="passes"/> passes over every row; <paramref name="read"/> turns a pass's outputs into the values
    /// averaged (probabilities, or the outputs themselves); <paramref name="summarize"/> gets each batch's mean and variance.
    /// </summary>
    public static void Run(DropoutMlpTransformer model, IDataView data, int passes, int seed, Func<Tensor, Tensor> read, Action<Tensor, Tensor> summarize)
    {
        var parameters = model.Model;
        using var generator = new Generator((ulong)seed);
        using var network = new MlpNetwork(parameters.Spec, generator);
        NetworkWeights.Restore(network, parameters.Layers, parameters.Embedding, parameters.EnsembleScales);
        network.train();
        using var noGrad = no_grad();
        foreach (var (batch, rows) in StandardizedBatches(data, model.FeatureColumnName, parameters))
        {
            using var scope = NewDisposeScope();
            var input = tensor(batch.AsSpan(0, rows * parameters.InputSize).ToArray(), [rows, parameters.InputSize]);
            var (mean, variance) = DropoutPasses.Moments(network, input, passes, read);
            summarize(mean, variance);
        }
    }

    /// <summary>
    /// The rows' features, standardized as in training, <see cref="BatchRows"/> rows at a time, or as many as
    /// <see cref="BatchValues"/> floats hold when rows are wide (one buffer, reused).
    /// </summary>
    private static IEnumerable<(float[] Batch, int Rows)> StandardizedBatches(IDataView data, string featureColumn, DropoutMlpModelParameters parameters)
    {
        var column = data.Schema[featureColumn];
        int width = parameters.InputSize;
        int batchRows = Math.Clamp(BatchValues / width, 1, BatchRows);
        var batch = new float[(long)batchRows * width];
        int rows = 0;
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> row = default;
        while (cursor.MoveNext())
        {
            getter(ref row);
            var values = batch.AsSpan(rows * width, width);
            row.CopyTo(values);
            parameters.Standardizer?.ApplyInPlace(values, width);

            if (++rows == batchRows)
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
