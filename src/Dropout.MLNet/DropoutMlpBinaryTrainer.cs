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
public sealed class DropoutMlpBinaryTrainer : DropoutMlpTrainer<DropoutMlpBinaryTrainer.Options>
{
    internal DropoutMlpBinaryTrainer(FitLog log, Options options)
        : base(log, options, DropoutMlpTask.Binary)
    {
    }

    /// <summary>Options of <see cref="DropoutMlpBinaryTrainer"/>; every option is described on <see cref="DropoutMlpOptionsBase"/>.</summary>
    public sealed record Options : DropoutMlpOptionsBase;
}
