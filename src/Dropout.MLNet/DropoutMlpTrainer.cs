using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet;

/// <summary>
/// What every DropoutMlp trainer does, whatever its task: train on the data (with a hold-out, or on given validation
/// data), and declare its output schema. The trainers differ only by task and options:
/// <see cref="DropoutMlpMulticlassTrainer"/>, <see cref="DropoutMlpBinaryTrainer"/>, <see cref="DropoutMlpRegressionTrainer"/>.
/// </summary>
/// <typeparam name="TOptions">The trainer's options.</typeparam>
public abstract class DropoutMlpTrainer<TOptions> : IEstimator<DropoutMlpTransformer>
    where TOptions : DropoutMlpOptionsBase
{
    private readonly DropoutMlpTrainerCore _core;

    private protected DropoutMlpTrainer(FitLog log, TOptions options, DropoutMlpTask task) => _core = new DropoutMlpTrainerCore(options, task, log);

    /// <summary>A copy of the options this trainer was made with.</summary>
    public TOptions TrainerOptions => (TOptions)_core.Options;

    /// <summary>Trains on the data; early stopping uses a hold-out of <see cref="DropoutMlpOptionsBase.ValidationFraction"/>.</summary>
    /// <param name="input">The training data.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">
    /// A column is missing or of the wrong type, there are no rows, a feature is NaN or infinite, or the label does not
    /// vary (one class, or one value).
    /// </exception>
    /// <exception cref="InvalidOperationException">Training diverged, or the exported ONNX scorer does not reproduce the trained network.</exception>
    public DropoutMlpTransformer Fit(IDataView input) => _core.Fit(input, null);

    /// <summary>Trains on the training data and measures every epoch (and stops early) on the validation data.</summary>
    /// <param name="trainingData">The training data.</param>
    /// <param name="validationData">Validation data with the same featurization.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">
    /// A column is missing or of the wrong type, there are no rows, a feature is NaN or infinite, or the label does not
    /// vary (one class, or one value).
    /// </exception>
    /// <exception cref="InvalidOperationException">Training diverged, or the exported ONNX scorer does not reproduce the trained network.</exception>
    public DropoutMlpTransformer Fit(IDataView trainingData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return _core.Fit(trainingData, validationData);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);
}
