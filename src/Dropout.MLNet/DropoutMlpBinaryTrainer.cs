using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet;

/// <summary>
/// Trains a dropout-regularized multilayer perceptron for binary classification with TorchSharp.
/// </summary>
/// <remarks>
/// <para>
/// | Trainer characteristics | |
/// | -- | -- |
/// | Machine learning task | Binary classification |
/// | Is normalization required? | No: features are standardized inside the model (<see cref="DropoutMlpOptionsBase.StandardizeFeatures"/>) |
/// | Is caching required? | No: the rows are read once into memory |
/// | Required NuGet in addition to Microsoft.ML | Dropout.MLNet (which brings TorchSharp-cpu and Microsoft.ML.OnnxTransformer) |
/// | Exportable to ONNX | Yes: the model is scored through ONNX; see <see cref="DropoutMlpModelParameters.GetOnnxModel"/> |
/// </para>
/// <para>
/// Input: the label is Boolean, the features a known-size vector of Single. Output: <c>Score</c> (the logit),
/// <c>Probability</c> (its sigmoid) and <c>PredictedLabel</c> (true when the probability exceeds 0.5).
/// </para>
/// <para>
/// The network is [input dropout] then, per hidden layer, a linear layer, the activation and inverted dropout
/// (training mode zeroes each unit with probability p and scales the rest by 1/(1-p)), then a linear layer of one
/// logit, trained on the logistic (binary cross-entropy) loss with mini-batches. The model scores in evaluation mode, where dropout
/// is the identity.
/// </para>
/// </remarks>
/// <seealso cref="DropoutMlpCatalog.DropoutMlp(BinaryClassificationCatalog.BinaryClassificationTrainers, string, string, int[], float, int)"/>
/// <seealso cref="DropoutMlpCatalog.DropoutMlp(BinaryClassificationCatalog.BinaryClassificationTrainers, Options)"/>
public sealed class DropoutMlpBinaryTrainer : IEstimator<DropoutMlpTransformer>
{
    private readonly DropoutMlpTrainerCore _core;

    internal DropoutMlpBinaryTrainer(FitLog log, Options options) => _core = new DropoutMlpTrainerCore(options, DropoutMlpTask.Binary, log);

    /// <summary>A copy of the options this trainer was made with.</summary>
    public Options TrainerOptions => (Options)_core.Options;

    /// <summary>Trains on the data; early stopping uses a hold-out of <see cref="DropoutMlpOptionsBase.ValidationFraction"/>.</summary>
    /// <param name="input">The training data.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, there are no rows, a feature is NaN, or only one label value occurs.</exception>
    /// <exception cref="InvalidOperationException">The exported ONNX scorer does not reproduce the trained network.</exception>
    public DropoutMlpTransformer Fit(IDataView input) => _core.Fit(input, null);

    /// <summary>Trains on the training data and measures every epoch (and stops early) on the validation data.</summary>
    /// <param name="trainingData">The training data.</param>
    /// <param name="validationData">Validation data with the same featurization.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, there are no rows, a feature is NaN, or only one label value occurs.</exception>
    public DropoutMlpTransformer Fit(IDataView trainingData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return _core.Fit(trainingData, validationData);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);

    /// <summary>Options of <see cref="DropoutMlpBinaryTrainer"/>; every option is described on <see cref="DropoutMlpOptionsBase"/>.</summary>
    public sealed record Options : DropoutMlpOptionsBase;
}
