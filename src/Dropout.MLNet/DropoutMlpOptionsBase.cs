using System.Text.Json.Serialization;
using Microsoft.ML.SearchSpace;

namespace Dropout.MLNet;

/// <summary>
/// The options shared by <see cref="DropoutMlpMulticlassTrainer"/> and <see cref="DropoutMlpBinaryTrainer"/>.
/// Options are input only: the trainers copy them and never write to them, so one instance can seed many
/// trials with <c>options with { DropoutRate = 0.3f }</c>. Microsoft.ML's <see cref="RangeAttribute"/> and
/// <see cref="ChoiceAttribute"/> (with <see cref="SearchLayersAttribute"/> for the layers) declare the default search
/// space of a sweep (<c>Dropout.MLNet.Sweeps.SearchSpace.FromOptions</c>), where AutoML's <c>SearchSpace&lt;T&gt;</c>
/// can read them too.
/// </summary>
public abstract partial record DropoutMlpOptionsBase
{
    /// <summary>The label column.</summary>
    /// <value>Default: <c>"Label"</c>.</value>
    public string LabelColumnName { get; init; } = DropoutMlpDefaults.LabelColumnName;

    /// <summary>The feature column: a known-size vector of <see cref="float"/>.</summary>
    /// <value>Default: <c>"Features"</c>.</value>
    public string FeatureColumnName { get; init; } = DropoutMlpDefaults.FeatureColumnName;

    /// <summary>An optional column of non-negative <see cref="float"/> row weights for the loss.</summary>
    /// <value>Default: <see langword="null"/>, every row weighs 1.</value>
    public string? ExampleWeightColumnName { get; init; }

    /// <summary>The width of each hidden layer, input side first. An empty list gives a linear (softmax/logistic) model.</summary>
    /// <value>Default: <c>[128, 64]</c>.</value>
    [SearchLayers(minWidth: 16, maxWidth: 512, minDepth: 1, maxDepth: 3)]
    public IReadOnlyList<int> HiddenLayerSizes { get; init; } = DropoutMlpDefaults.HiddenLayerSizes;

    /// <summary>
    /// The drop probability p after every hidden layer's activation: in training each unit is zeroed with
    /// probability p and survivors are scaled by 1/(1-p); in evaluation dropout is the identity.
    /// </summary>
    /// <value>Default: 0.2. Must be in [0, 1).</value>
    /// <remarks>Ignored when <see cref="HiddenLayerDropoutRates"/> is set.</remarks>
    [Range(0.0, 0.7, 0.2, false)]
    public float DropoutRate { get; init; } = DropoutMlpDefaults.DropoutRate;

    /// <summary>Optional drop probabilities, one per hidden layer, overriding <see cref="DropoutRate"/>.</summary>
    /// <value>Default: <see langword="null"/>. When set, it has as many entries as <see cref="HiddenLayerSizes"/>, each in [0, 1).</value>
    public IReadOnlyList<float>? HiddenLayerDropoutRates { get; init; }

    /// <summary>The drop probability applied to the (standardized) input features.</summary>
    /// <value>Default: 0. Must be in [0, 1).</value>
    [Range(0.0, 0.5, 0.0, false)]
    public float InputDropoutRate { get; init; } = DropoutMlpDefaults.InputDropoutRate;

    /// <summary>
    /// The kind of dropout: standard (inverted), Gaussian, alpha (for SELU networks) or DropConnect on weights. The rates
    /// (<see cref="DropoutRate"/>, <see cref="HiddenLayerDropoutRates"/>, <see cref="InputDropoutRate"/>) apply to each kind.
    /// </summary>
    /// <value>Default: <see cref="DropoutKind.Standard"/>. <see cref="DropoutKind.Alpha"/> requires <see cref="DropoutMlpActivation.Selu"/> (an error otherwise, since alpha dropout keeps the mean and variance of SELU activations only).</value>
    public DropoutKind DropoutKind { get; init; } = DropoutKind.Standard;

    /// <summary>
    /// The max-norm constraint (Srivastava et al., 2014): after every optimizer step, each hidden unit's incoming weight
    /// vector is scaled back to this L2 norm if it is longer.
    /// </summary>
    /// <value>Default: <see langword="null"/>, no constraint. Must be positive. <see cref="HiddenLayerMaxNorms"/> overrides it per layer.</value>
    public float? MaxNorm { get; init; }

    /// <summary>Optional max-norm constraints, one per hidden layer (<see cref="float.PositiveInfinity"/> for none), overriding <see cref="MaxNorm"/>.</summary>
    /// <value>Default: <see langword="null"/>. When set, it has as many entries as <see cref="HiddenLayerSizes"/>, each positive.</value>
    public IReadOnlyList<float>? HiddenLayerMaxNorms { get; init; }

    /// <summary>The nonlinearity after each hidden layer.</summary>
    /// <value>Default: <see cref="DropoutMlpActivation.Relu"/>.</value>
    public DropoutMlpActivation Activation { get; init; } = DropoutMlpActivation.Relu;

    /// <summary>The optimizer.</summary>
    /// <value>Default: <see cref="DropoutMlpOptimizer.Adam"/>.</value>
    public DropoutMlpOptimizer Optimizer { get; init; } = DropoutMlpOptimizer.Adam;

    /// <summary>The optimizer's step size.</summary>
    /// <value>Default: 0.001. Must be positive.</value>
    [Range(1e-4, 3e-2, 1e-3, true)]
    public float LearningRate { get; init; } = DropoutMlpDefaults.LearningRate;

    /// <summary>The momentum of <see cref="DropoutMlpOptimizer.Sgd"/>.</summary>
    /// <value>Default: 0.9. Must be in [0, 1).</value>
    /// <remarks>Ignored by Adam.</remarks>
    public float Momentum { get; init; } = DropoutMlpDefaults.Momentum;

    /// <summary>
    /// Adam's β₂, the decay of its running mean of squared gradients. RealMLP (Holzmüller et al., 2024) found 0.95
    /// better than PyTorch's 0.999 on tabular data: the step size follows the gradients' scale within a few dozen steps
    /// instead of a thousand, which matters on the few hundred steps a small table trains for.
    /// </summary>
    /// <value>Default: 0.999 (PyTorch's). Must be in (0, 1). Ignored by SGD.</value>
    public float AdamBeta2 { get; init; } = DropoutMlpDefaults.AdamBeta2;

    /// <summary>How the learning rate changes over training, from <see cref="LearningRate"/> at its largest.</summary>
    /// <value>Default: <see cref="MLNet.LearningRateSchedule.Constant"/>.</value>
    public LearningRateSchedule LearningRateSchedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>The number of cosine cycles of <see cref="MLNet.LearningRateSchedule.Cosine"/> over <see cref="MaximumNumberOfEpochs"/>.</summary>
    /// <value>Default: 1. Must be positive and at most <see cref="MaximumNumberOfEpochs"/>.</value>
    public int LearningRateCycles { get; init; } = 1;

    /// <summary>How the dropout rates change over training, from the rates set (<see cref="DropoutRate"/>, <see cref="HiddenLayerDropoutRates"/>, <see cref="InputDropoutRate"/>) at their largest.</summary>
    /// <value>Default: <see cref="MLNet.DropoutSchedule.Constant"/>.</value>
    public DropoutSchedule DropoutSchedule { get; init; } = DropoutSchedule.Constant;

    /// <summary>L2 weight decay added to the gradient of every weight and bias.</summary>
    /// <value>Default: 0. Must be non-negative.</value>
    [Range(1e-6, 1e-2, 1e-4, true)]
    public float WeightDecay { get; init; } = DropoutMlpDefaults.WeightDecay;

    /// <summary>
    /// Label smoothing ε of the training loss (Szegedy et al., 2016; <c>label_smoothing</c> of PyTorch's cross-entropy):
    /// the target puts 1 − ε on the row's class and spreads ε over all classes (binary: the target 1 becomes 1 − ε/2 and 0
    /// becomes ε/2). It keeps the network from driving logits toward infinity on rows it already gets right, which is
    /// what makes a ReLU network say "100 %" far from its training rows, such as a row whose features were all missing
    /// and imputed. The validation loss, early stopping and temperature scaling use the plain loss. Classification only: regression ignores it.
    /// </summary>
    /// <value>Default: 0.05. Must be in [0, 1).</value>
    public float LabelSmoothing { get; init; } = DropoutMlpDefaults.LabelSmoothing;

    /// <summary>How the classes weigh in the training loss: all rows alike, or each class alike (for a rare class that matters).</summary>
    /// <value>Default: <see cref="MLNet.ClassWeighting.None"/>. Classification only: regression ignores it.</value>
    public ClassWeighting ClassWeighting { get; init; } = ClassWeighting.None;

    /// <summary>The number of rows in each mini-batch.</summary>
    /// <value>
    /// Default: <see langword="null"/>, chosen from the number of training rows n: n/32 rounded down, at least 16 and at
    /// most 128, so that a small data set still gets about 32 optimizer steps per epoch (128 rows a batch would give a
    /// 200-row data set two steps an epoch, far too few to train in 100 epochs). Must be positive when set.
    /// </value>
    [Choice(32, 64, 128, 256)]
    public int? BatchSize { get; init; }

    /// <summary>The largest number of passes over the training data.</summary>
    /// <value>Default: 100. Must be positive.</value>
    [Range(10, 200, 100, true)]
    public int MaximumNumberOfEpochs { get; init; } = DropoutMlpDefaults.MaximumNumberOfEpochs;

    /// <summary>
    /// The most row passes a fit makes: the number of training rows times the number of epochs (times
    /// <see cref="EnsembleSize"/>: each member passes every row). A large data set then
    /// trains fewer than <see cref="MaximumNumberOfEpochs"/> epochs (each of them many optimizer steps), so that the fit
    /// time stops growing with the rows; a smaller one is not affected. <see langword="null"/>: epochs only.
    /// </summary>
    /// <value>
    /// Default: 1,500,000: up to 15,000 training rows train every epoch; 100,000 rows at most 15 epochs, a million at most 2
    /// (at least one epoch always). Chosen on the meta-train zoo's large sets as the largest budget tried that kept every
    /// classification fit within twice LightGbm's time (benchmarks/NOTES.md). Must be positive when set. Set it to
    /// <see langword="null"/> for all <see cref="MaximumNumberOfEpochs"/> on a large data set.
    /// </value>
    public long? MaximumRowPasses { get; init; } = DropoutMlpDefaults.MaximumRowPasses;

    /// <summary>
    /// The share of the training rows held out, before training, to measure the validation loss and accuracy each
    /// epoch and to stop early. 0 disables the split.
    /// </summary>
    /// <value>Default: 0.1. Must be in [0, 1).</value>
    /// <remarks>Ignored when validation data is passed to <c>Fit(trainingData, validationData)</c>.</remarks>
    public float ValidationFraction { get; init; } = DropoutMlpDefaults.ValidationFraction;

    /// <summary>
    /// Training stops after this many epochs without an improvement of the <see cref="EarlyStoppingMetric"/> larger than
    /// <see cref="MinimumImprovement"/>, and the weights of the best epoch are restored.
    /// <see langword="null"/> trains every epoch (the best epoch's weights are still kept when there is validation data).
    /// </summary>
    /// <value>Default: 20. Must be positive when set.</value>
    public int? EarlyStoppingPatience { get; init; } = DropoutMlpDefaults.EarlyStoppingPatience;

    /// <summary>What early stopping watches (and what picks the best epoch): the validation loss, or the validation accuracy (classification only).</summary>
    /// <value>Default: <see cref="EarlyStoppingMetric.ValidationLoss"/>.</value>
    public EarlyStoppingMetric EarlyStoppingMetric { get; init; } = EarlyStoppingMetric.ValidationLoss;

    /// <summary>The smallest decrease of the validation loss (or increase of the validation accuracy) that counts as an improvement.</summary>
    /// <value>Default: 0.0001. Must be non-negative.</value>
    public float MinimumImprovement { get; init; } = DropoutMlpDefaults.MinimumImprovement;

    /// <summary>
    /// Whether the probabilities are calibrated on the validation rows after training by temperature scaling: the logits
    /// are divided by the one temperature T that minimizes the validation log-loss (shrunk toward T = 1 when there are few
    /// validation rows). Predicted labels do not change; confident wrong answers become less confident.
    /// </summary>
    /// <value>
    /// Default: <see langword="true"/>. Needs validation rows (<see cref="ValidationFraction"/> above 0, or validation data).
    /// Classification only: a regression model has no probabilities (see <see cref="MonteCarloDropout.PredictRegression"/> for intervals).
    /// </value>
    public bool CalibrateProbabilities { get; init; } = true;

    /// <summary>
    /// Whether features are standardized (mean 0, variance 1) with statistics learned from the training rows. The
    /// standardization is part of the model, so no normalizer is needed in the pipeline.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool StandardizeFeatures { get; init; } = true;

    /// <summary>
    /// How features are scaled when <see cref="StandardizeFeatures"/> is on: z-scores, or robust scaling with smooth
    /// clipping, which keeps a skewed feature or one with outliers spread over the range the network sees. Indicator
    /// features (only 0 and 1, as one-hot encoding makes them) are left as they are either way.
    /// </summary>
    /// <value>Default: <see cref="MLNet.FeatureScaling.Standard"/>.</value>
    public FeatureScaling FeatureScaling { get; init; } = DropoutMlpDefaults.FeatureScaling;

    /// <summary>
    /// How each scaled numeric feature enters the first layer: as it is, or also through learned periodic embeddings
    /// (indicator features always enter as they are). Each embedded feature costs 16 cosines and three first-layer
    /// inputs a row: with hundreds of numeric features (pixels, spectra) a fit takes many times longer.
    /// </summary>
    /// <value>Default: <see cref="MLNet.NumericalEmbedding.None"/>.</value>
    public NumericalEmbedding NumericalEmbedding { get; init; } = DropoutMlpDefaults.NumericalEmbedding;

    /// <summary>
    /// The numbers a categorical feature with more levels than this enters the first layer as: a learned embedding
    /// (RealMLP's, 8 numbers for categories of more than 8 levels), instead of a weight per one-hot slot and unit. The
    /// categories are the one-hot slot ranges ML.NET's <c>OneHotEncoding</c> and <c>OneHotHashEncoding</c> annotate
    /// (<c>CategoricalSlotRanges</c>, which <c>Concatenate</c> keeps and LightGbm reads too), so a pipeline that one-hot
    /// encodes its categorical columns and concatenates them into the features needs nothing more. A category of
    /// thousands of levels then trains at the cost of a few inputs, with a few parameters a level. The trained model keeps
    /// the embeddings folded into the first layer, so the export and scoring are those of the plain network. 0 turns it off.
    /// </summary>
    /// <value>Default: 0 (off). At most 64.</value>
    public int CategoricalEmbeddingSize { get; init; } = DropoutMlpDefaults.CategoricalEmbeddingSize;

    /// <summary>
    /// The members of a parameter-efficient ensemble trained as one network (TabM-mini, Gorishniy et al., 2025): each
    /// member scales the first layer's inputs by a vector of its own (starting as random signs), the members share every
    /// hidden layer, and each has its own output layer and dropout masks; the model predicts the members' mean
    /// (probabilities for classes), and Monte Carlo dropout draws over members as well as masks. A fit and a prediction
    /// cost about as many times one network's as there are members; the saved model holds one network and k output
    /// layers, exported as one ONNX graph. 1 trains one network.
    /// </summary>
    /// <value>Default: 1. At most 32. Not with <see cref="DropoutKind.DropConnect"/> or <see cref="CategoricalEmbeddingSize"/>.</value>
    public int EnsembleSize { get; init; } = DropoutMlpDefaults.EnsembleSize;

    /// <summary>
    /// Whether the first layer's inputs pass RealMLP's scaling layer in training: a learned scale per input, starting at
    /// 1, so that training turns a feature up or down with one number. The trained model keeps it folded into the first
    /// layer's weights, so the export and scoring are those of the plain network.
    /// </summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool ScalingLayer { get; init; }

    /// <summary>
    /// The standard deviation the periodic embeddings' frequencies start from, in cycles per unit of the scaled feature
    /// (RealMLP's 0.1: a cycle over ten units, smooth over the ±3 a scaled feature spans; larger values start from
    /// wigglier features).
    /// </summary>
    /// <value>Default: 0.1. Must be positive. Used with <see cref="MLNet.NumericalEmbedding.Periodic"/>.</value>
    public float PeriodicEmbeddingScale { get; init; } = DropoutMlpDefaults.PeriodicEmbeddingScale;

    /// <summary>
    /// The seed of every random choice: weight initialization, validation split, shuffling and dropout masks.
    /// The same seed, data and options give the same weights and predictions.
    /// </summary>
    /// <value>Default: 0.</value>
    public int Seed { get; init; } = DropoutMlpDefaults.Seed;

    /// <summary>
    /// The number of CPU threads a fit trains on: libtorch's thread count (set for the fit, and set back to what it was
    /// after it: libtorch's thread count is process-wide) and the fit's own threads for its matrix products and updates.
    /// </summary>
    /// <value>
    /// Default: <see langword="null"/>, chosen from the size of a training step: one thread per 100 million floating-point
    /// operations of a batch, at least 1 and at most the logical processors. Small tabular networks train fastest on one
    /// thread (their kernels take microseconds, and OpenMP's synchronization costs more than it saves); wide networks on
    /// large batches use the cores. Must be positive when set.
    /// </value>
    public int? NumberOfThreads { get; init; }

    /// <summary>Called at the end of every epoch with its losses and validation accuracy.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    [JsonIgnore]
    public Action<EpochRecord>? EpochCompleted { get; init; }

    /// <summary>
    /// Stops a running fit: the trainer checks it before every mini-batch and throws <see cref="OperationCanceledException"/>
    /// when it is cancelled, so a fit stops within one batch and holds no native memory afterwards. ML.NET 5's
    /// <c>MLContext.CancelExecution</c> is internal, so a token is how a fit inside a pipeline is cancelled.
    /// </summary>
    /// <value>Default: <see cref="CancellationToken.None"/>.</value>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Asked after every epoch (after <see cref="EpochCompleted"/>) whether to train on; <see langword="false"/> ends training
    /// there, as early stopping does (the fit then completes with the best weights so far). Set by a sweep's pruner.
    /// </summary>
    [JsonIgnore]
    internal Func<EpochRecord, bool>? ContinueAfterEpoch { get; init; }
}
