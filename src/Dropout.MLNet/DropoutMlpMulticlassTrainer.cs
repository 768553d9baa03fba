using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet;

/// <summary>
/// Trains a dropout-regularized multilayer perceptron for multiclass classification with TorchSharp.
/// </summary>
/// <remarks>
/// <para>
/// | Trainer characteristics | |
/// | -- | -- |
/// | Machine learning task | Multiclass classification |
/// | Is normalization required? | No: features are standardized inside the model (<see cref="DropoutMlpOptionsBase.StandardizeFeatures"/>) |
/// | Is caching required? | No: the rows are read once into memory |
/// | Required NuGet in addition to Microsoft.ML | Dropout.MLNet (which brings TorchSharp-cpu and Microsoft.ML.OnnxTransformer) |
/// | Exportable to ONNX | Yes: the model is scored through ONNX; see <see cref="DropoutMlpModelParameters.GetOnnxModel"/> |
/// </para>
/// <para>
/// Input: the label is a key (use <c>MapValueToKey</c>), the features a known-size vector of Single. Output: <c>Score</c>
/// (class probabilities, with the label's key values as slot names) and <c>PredictedLabel</c> (a key of the label's
/// values; <c>MapKeyToValue</c> recovers the original label).
/// </para>
/// <para>
/// The network is [input dropout] then, per hidden layer, a linear layer, the activation and inverted dropout
/// (training mode zeroes each unit with probability p and scales the rest by 1/(1-p)), then a linear layer of one
/// logit per class, trained on the cross-entropy with mini-batches. The model scores in evaluation mode, where dropout
/// is the identity.
/// </para>
/// </remarks>
/// <seealso cref="DropoutMlpCatalog.DropoutMlp(MulticlassClassificationCatalog.MulticlassClassificationTrainers, string, string, int[], float, int)"/>
/// <seealso cref="DropoutMlpCatalog.DropoutMlp(MulticlassClassificationCatalog.MulticlassClassificationTrainers, Options)"/>
public sealed class DropoutMlpMulticlassTrainer : DropoutMlpTrainer<DropoutMlpMulticlassTrainer.Options>
{
    internal DropoutMlpMulticlassTrainer(FitLog log, Options options)
        : base(log, options, DropoutMlpTask.Multiclass)
    {
    }

    /// <summary>Options of <see cref="DropoutMlpMulticlassTrainer"/>; every option is described on <see cref="DropoutMlpOptionsBase"/>.</summary>
    public sealed record Options : DropoutMlpOptionsBase;
}
