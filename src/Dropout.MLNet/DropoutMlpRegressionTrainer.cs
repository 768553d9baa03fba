using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet;

/// <summary>
/// Trains a dropout-regularized multilayer perceptron for regression with TorchSharp.
/// </summary>
/// <remarks>
/// <para>
/// | Trainer characteristics | |
/// | -- | -- |
/// | Machine learning task | Regression |
/// | Is normalization required? | No: features and the label are standardized inside the model (<see cref="DropoutMlpOptionsBase.StandardizeFeatures"/>) |
/// | Is caching required? | No: the rows are read once into memory |
/// | Required NuGet in addition to Microsoft.ML | Dropout.MLNet (which brings TorchSharp-cpu and Microsoft.ML.OnnxTransformer) |
/// | Exportable to ONNX | Yes: the model is scored through ONNX; see <see cref="DropoutMlpModelParameters.GetOnnxModel"/> |
/// </para>
/// <para>
/// Input: the label is Single (rows with a NaN label are skipped), the features a known-size vector of Single. Output:
/// <c>Score</c>, the predicted value, as ML.NET's regressors give it (evaluate with <c>mlContext.Regression.Evaluate</c>).
/// </para>
/// <para>
/// The network is [input dropout] then, per hidden layer, a linear layer, the activation and inverted dropout, then a
/// linear layer of one output. It learns the label standardized with the training rows' mean and standard deviation
/// (so the learning rate and the Huber threshold mean the same whatever the label's unit), which are folded back into
/// the output layer after training: the model predicts in the label's own unit. The validation loss it reports is in
/// standardized units (a mean squared error of 1 is as good as predicting the mean). The model scores in evaluation
/// mode; <see cref="MonteCarloDropout.PredictRegression"/> gives a predictive mean, standard deviation and interval per row.
/// </para>
/// </remarks>
/// <seealso cref="DropoutMlpCatalog.DropoutMlp(RegressionCatalog.RegressionTrainers, string, string, int[], float, int)"/>
/// <seealso cref="DropoutMlpCatalog.DropoutMlp(RegressionCatalog.RegressionTrainers, Options)"/>
public sealed class DropoutMlpRegressionTrainer : DropoutMlpTrainer<DropoutMlpRegressionTrainer.Options>
{
    internal DropoutMlpRegressionTrainer(FitLog log, Options options)
        : base(log, options, DropoutMlpTask.Regression(options?.Loss ?? RegressionLoss.SquaredError, options?.HuberDelta ?? 1))
    {
    }

    /// <summary>Options of <see cref="DropoutMlpRegressionTrainer"/>; the options of every task are described on <see cref="DropoutMlpOptionsBase"/>.</summary>
    public sealed record Options : DropoutMlpOptionsBase
    {

        /// <summary>The training loss.</summary>
        /// <value>Default: <see cref="RegressionLoss.SquaredError"/>.</value>
        public RegressionLoss Loss { get; init; } = RegressionLoss.SquaredError;

        /// <summary>Where the Huber loss turns from squared to linear, in standard deviations of the label (PyTorch's <c>delta</c>).</summary>
        /// <value>Default: 1. Must be positive; used when <see cref="Loss"/> is <see cref="RegressionLoss.Huber"/>.</value>
        public float HuberDelta { get; init; } = 1f;

        private protected override void AddTaskProblems(OptionsProblems problems)
        {
            problems.RequirePositive(HuberDelta, nameof(HuberDelta));
            if (EarlyStoppingMetric == EarlyStoppingMetric.ValidationAccuracy)
            {
                problems.Add($"{nameof(EarlyStoppingMetric)} is ValidationAccuracy, but a regression model has no accuracy; use ValidationLoss.");
            }
        }
    }
}
