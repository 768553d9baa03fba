namespace Dropout.MLNet;

/// <summary>The single source of default values, shared by the options, the catalog overloads and the sweeps.</summary>
internal static class DropoutMlpDefaults
{
    public const string LabelColumnName = "Label";
    public const string FeatureColumnName = "Features";
    public const float DropoutRate = 0.2f;
    public const float InputDropoutRate = 0f;
    public const int MaximumNumberOfEpochs = 100;
    public const long MaximumRowPasses = 1_500_000;
    public const int AutomaticStepsPerEpoch = 32;
    public const int MinimumAutomaticBatchSize = 16;
    public const int MaximumAutomaticBatchSize = 128;
    public const float LearningRate = 1e-3f;
    public const float Momentum = 0.9f;
    public const float AdamBeta2 = 0.999f;
    public const float PeriodicEmbeddingScale = 0.1f;
    public const NumericalEmbedding NumericalEmbedding = MLNet.NumericalEmbedding.None;
    public const FeatureScaling FeatureScaling = MLNet.FeatureScaling.Standard;
    public const int CategoricalEmbeddingSize = 0;
    public const int EnsembleSize = 1;
    public const int MaximumEnsembleSize = 32;
    public const int MaximumCategoricalEmbeddingSize = 64;
    public const float WeightDecay = 0f;
    public const float LabelSmoothing = 0.05f;
    public const float ValidationFraction = 0.1f;
    public const int EarlyStoppingPatience = 20;
    public const float MinimumImprovement = 1e-4f;
    public const int Seed = 0;

    public static IReadOnlyList<int> HiddenLayerSizes { get; } = [128, 64];
}
