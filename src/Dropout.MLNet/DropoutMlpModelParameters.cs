using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Training;

namespace Dropout.MLNet;

/// <summary>
/// A trained DropoutMlp network, read-only: its architecture, weights, classes (classification), standardization,
/// training history and the ONNX model (evaluation form) that scores it.
/// </summary>
public sealed class DropoutMlpModelParameters
{
    private readonly byte[] _onnxModel;

    internal DropoutMlpModelParameters(DropoutMlpTask task, NetworkSpec spec, IReadOnlyList<LayerWeights> layers, IReadOnlyList<string> classNames,
        FeatureStandardizer? standardizer, TrainingResult training, byte[] onnxModel, int seed)
    {
        Task = task;
        InputSize = spec.InputSize;
        HiddenLayerSizes = spec.HiddenLayerSizes.ToArray().AsReadOnly();
        NumberOfOutputs = spec.OutputSize;
        Activation = spec.Activation;
        HiddenLayerDropoutRates = spec.HiddenDropoutRates.ToArray().AsReadOnly();
        InputDropoutRate = spec.InputDropoutRate;
        DropoutKind = spec.DropoutKind;
        EnsembleSize = spec.EnsembleSize;
        Output = spec.Output;
        PeriodicEmbeddingScale = spec.PeriodicEmbeddingScale;
        EmbeddedFeatures = spec.PeriodicEmbeddingScale is null ? [] : spec.EmbeddedIndices.ToArray().AsReadOnly();
        Layers = layers.ToArray().AsReadOnly();
        ClassNames = classNames.ToArray().AsReadOnly();
        FeatureMeans = standardizer?.Means.ToArray().AsReadOnly();
        FeatureScales = standardizer?.Scales.ToArray().AsReadOnly();
        FeatureSmoothClip = standardizer?.SmoothClip ?? false;
        Standardizer = standardizer;
        History = training.History.ToArray().AsReadOnly();
        BestEpoch = training.BestEpoch;
        Temperature = training.Temperature;
        Seed = seed;
        _onnxModel = onnxModel;
    }

    /// <summary>The task the model was trained for.</summary>
    internal DropoutMlpTask Task { get; }

    /// <summary>The number of input features.</summary>
    public int InputSize { get; }

    /// <summary>The width of each hidden layer, input side first.</summary>
    public IReadOnlyList<int> HiddenLayerSizes { get; }

    /// <summary>The number of network outputs: one per class for multiclass, one logit for binary, one value for regression.</summary>
    public int NumberOfOutputs { get; }

    /// <summary>The activation after each hidden layer.</summary>
    public DropoutMlpActivation Activation { get; }

    /// <summary>The drop probability used in training after each hidden layer (inactive when scoring).</summary>
    public IReadOnlyList<float> HiddenLayerDropoutRates { get; }

    /// <summary>The drop probability used in training on the inputs (inactive when scoring).</summary>
    public float InputDropoutRate { get; }

    /// <summary>The learned weights of every linear layer, input side first.</summary>
    public IReadOnlyList<LayerWeights> Layers { get; }

    /// <summary>The kind of dropout the network was trained with.</summary>
    public DropoutKind DropoutKind { get; }

    /// <summary>
    /// The members of the network's ensemble (<see cref="DropoutMlpOptionsBase.EnsembleSize"/>), 1 for one network. An
    /// ensemble's output layer, <see cref="Layers"/>[^1], holds every member's, member after member.
    /// </summary>
    public int EnsembleSize { get; }

    /// <summary>How an ensemble's members are averaged.</summary>
    internal NetworkOutput Output { get; }

    /// <summary>The architecture, to rebuild the network (Monte Carlo dropout).</summary>
    internal NetworkSpec Spec => new(InputSize, HiddenLayerSizes, NumberOfOutputs, Activation, HiddenLayerDropoutRates, InputDropoutRate, DropoutKind,
        PeriodicEmbeddingScale, EmbeddedFeatures, EnsembleSize: EnsembleSize, Output: Output);

    /// <summary>How the features enter the first layer (with periodic embeddings <see cref="Layers"/>[0] reads the features, then three values for each of <see cref="EmbeddedFeatures"/>).</summary>
    public NumericalEmbedding NumericalEmbedding => PeriodicEmbeddingScale is null ? NumericalEmbedding.None : NumericalEmbedding.Periodic;

    /// <summary>The features the periodic embedding reads, by position (empty without one): the numeric ones; indicators enter as they are.</summary>
    public IReadOnlyList<int> EmbeddedFeatures { get; }

    private float? PeriodicEmbeddingScale { get; }

    /// <summary>The periodic embedding's learned values, with <see cref="NumericalEmbedding.Periodic"/>.</summary>
    internal EmbeddingWeights? Embedding { get; init; }

    /// <summary>An ensemble's members' input scales, [members, first-layer inputs] row-major (none for one network).</summary>
    internal float[]? EnsembleScales { get; init; }

    /// <summary>The class names in score order: the label's key values (multiclass), False, True (binary), or none (regression).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The per-feature centers (means, or medians with <see cref="FeatureScaling.RobustSmoothClip"/>) subtracted before the network, or <see langword="null"/> without scaling.</summary>
    public IReadOnlyList<float>? FeatureMeans { get; }

    /// <summary>The per-feature scales (1/standard deviation, or 1/interquartile range) applied after centering, or <see langword="null"/> without scaling.</summary>
    public IReadOnlyList<float>? FeatureScales { get; }

    /// <summary>Whether the scaled features are bent by the smooth clip x / √(1 + (x/3)²) (<see cref="FeatureScaling.RobustSmoothClip"/>).</summary>
    public bool FeatureSmoothClip { get; }

    /// <summary>The feature scaling the network was trained behind, as one piece, or <see langword="null"/> without it.</summary>
    internal FeatureStandardizer? Standardizer { get; }

    /// <summary>What every training epoch measured.</summary>
    public IReadOnlyList<EpochRecord> History { get; }

    /// <summary>The epoch whose weights the model holds (the best validation loss, or the last epoch without validation data).</summary>
    public int BestEpoch { get; }

    /// <summary>
    /// The temperature T that calibrated the probabilities after training (already folded into the last layer's weights;
    /// 1 when <see cref="DropoutMlpOptionsBase.CalibrateProbabilities"/> is off or there were no validation rows).
    /// </summary>
    public float Temperature { get; }

    /// <summary>
    /// Regression: the root mean squared residual of the model on its validation rows (on its training rows without
    /// validation), in the label's unit; the noise that <see cref="MonteCarloDropout.PredictRegression"/> adds to the
    /// spread of its passes (its intervals use the residuals' quantiles). <see langword="null"/> for classifiers.
    /// </summary>
    public float? ResidualStandardDeviation => Residuals?.StandardDeviation;

    /// <summary>
    /// Regression: the number of held-out rows whose residuals calibrate Monte Carlo intervals (0 when the fit had no
    /// validation rows, or for a model saved before it was recorded); <see langword="null"/> for classifiers.
    /// </summary>
    public int? CalibrationRowCount => Residuals is { } residuals ? (residuals.OfTrainingRows ? 0 : residuals.CalibrationRows) : null;

    /// <summary>Regression: the validation residuals' spread, whose quantiles size Monte Carlo intervals; <see langword="null"/> for classifiers.</summary>
    internal ResidualSpread? Residuals { get; init; }

    /// <summary>The seed the model was trained with.</summary>
    public int Seed { get; }

    /// <summary>
    /// The worst difference the fit's parity check saw between the ONNX scorer and the network, relative to the logits'
    /// size (see <see cref="Scoring.ParityCheck.Tolerance"/> and <see cref="Scoring.ParityCheck.ToleranceFor"/>).
    /// </summary>
    internal double ParityDifference { get; init; }

    /// <summary>Returns a copy of the ONNX model (evaluation form) that scores this network.</summary>
    /// <returns>The serialized ONNX ModelProto.</returns>
    public byte[] GetOnnxModel() => (byte[])_onnxModel.Clone();
}
