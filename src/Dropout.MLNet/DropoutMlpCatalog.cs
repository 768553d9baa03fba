using Microsoft.ML;

namespace Dropout.MLNet;

/// <summary>
/// The DropoutMlp trainers on ML.NET's catalogs: <c>mlContext.MulticlassClassification.Trainers.DropoutMlp(...)</c>,
/// <c>mlContext.BinaryClassification.Trainers.DropoutMlp(...)</c> and <c>mlContext.Regression.Trainers.DropoutMlp(...)</c>,
/// each with a simple and an options overload.
/// </summary>
public static class DropoutMlpCatalog
{
    /// <summary>Creates a <see cref="DropoutMlpMulticlassTrainer"/> from the most-tuned options.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">The label column; a key type.</param>
    /// <param name="featureColumnName">The feature column; a known-size vector of Single.</param>
    /// <param name="hiddenLayerSizes">The width of each hidden layer; <see langword="null"/> for the default [128, 64].</param>
    /// <param name="dropoutRate">The drop probability after every hidden layer, in [0, 1).</param>
    /// <param name="maximumNumberOfEpochs">The largest number of passes over the data (early stopping may end sooner).</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static DropoutMlpMulticlassTrainer DropoutMlp(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = DropoutMlpDefaults.LabelColumnName,
        string featureColumnName = DropoutMlpDefaults.FeatureColumnName,
        int[]? hiddenLayerSizes = null,
        float dropoutRate = DropoutMlpDefaults.DropoutRate,
        int maximumNumberOfEpochs = DropoutMlpDefaults.MaximumNumberOfEpochs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DropoutMlpMulticlassTrainer(FitLog.Of(catalog), Simple(new DropoutMlpMulticlassTrainer.Options(), labelColumnName, featureColumnName, hiddenLayerSizes, dropoutRate, maximumNumberOfEpochs));
    }

    /// <summary>Creates a <see cref="DropoutMlpMulticlassTrainer"/> from options.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">The trainer's options.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message lists every problem.</exception>
    public static DropoutMlpMulticlassTrainer DropoutMlp(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        DropoutMlpMulticlassTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DropoutMlpMulticlassTrainer(FitLog.Of(catalog), options);
    }

    /// <summary>Creates a <see cref="DropoutMlpBinaryTrainer"/> from the most-tuned options.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">The label column; Boolean.</param>
    /// <param name="featureColumnName">The feature column; a known-size vector of Single.</param>
    /// <param name="hiddenLayerSizes">The width of each hidden layer; <see langword="null"/> for the default [128, 64].</param>
    /// <param name="dropoutRate">The drop probability after every hidden layer, in [0, 1).</param>
    /// <param name="maximumNumberOfEpochs">The largest number of passes over the data (early stopping may end sooner).</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static DropoutMlpBinaryTrainer DropoutMlp(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = DropoutMlpDefaults.LabelColumnName,
        string featureColumnName = DropoutMlpDefaults.FeatureColumnName,
        int[]? hiddenLayerSizes = null,
        float dropoutRate = DropoutMlpDefaults.DropoutRate,
        int maximumNumberOfEpochs = DropoutMlpDefaults.MaximumNumberOfEpochs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DropoutMlpBinaryTrainer(FitLog.Of(catalog), Simple(new DropoutMlpBinaryTrainer.Options(), labelColumnName, featureColumnName, hiddenLayerSizes, dropoutRate, maximumNumberOfEpochs));
    }

    /// <summary>Creates a <see cref="DropoutMlpBinaryTrainer"/> from options.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">The trainer's options.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message lists every problem.</exception>
    public static DropoutMlpBinaryTrainer DropoutMlp(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        DropoutMlpBinaryTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DropoutMlpBinaryTrainer(FitLog.Of(catalog), options);
    }

    /// <summary>Creates a <see cref="DropoutMlpRegressionTrainer"/> from the most-tuned options.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">The label column; Single.</param>
    /// <param name="featureColumnName">The feature column; a known-size vector of Single.</param>
    /// <param name="hiddenLayerSizes">The width of each hidden layer; <see langword="null"/> for the default [128, 64].</param>
    /// <param name="dropoutRate">The drop probability after every hidden layer, in [0, 1).</param>
    /// <param name="maximumNumberOfEpochs">The largest number of passes over the data (early stopping may end sooner).</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static DropoutMlpRegressionTrainer DropoutMlp(
        this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = DropoutMlpDefaults.LabelColumnName,
        string featureColumnName = DropoutMlpDefaults.FeatureColumnName,
        int[]? hiddenLayerSizes = null,
        float dropoutRate = DropoutMlpDefaults.DropoutRate,
        int maximumNumberOfEpochs = DropoutMlpDefaults.MaximumNumberOfEpochs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DropoutMlpRegressionTrainer(FitLog.Of(catalog), Simple(new DropoutMlpRegressionTrainer.Options(), labelColumnName, featureColumnName, hiddenLayerSizes, dropoutRate, maximumNumberOfEpochs));
    }

    /// <summary>Creates a <see cref="DropoutMlpRegressionTrainer"/> from options.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">The trainer's options.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message lists every problem.</exception>
    public static DropoutMlpRegressionTrainer DropoutMlp(
        this RegressionCatalog.RegressionTrainers catalog,
        DropoutMlpRegressionTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DropoutMlpRegressionTrainer(FitLog.Of(catalog), options);
    }

    /// <summary>The options of a simple overload: the defaults, with the arguments it takes.</summary>
    private static TOptions Simple<TOptions>(TOptions defaults, string labelColumnName, string featureColumnName, int[]? hiddenLayerSizes,
        float dropoutRate, int maximumNumberOfEpochs)
        where TOptions : DropoutMlpOptionsBase =>
        (TOptions)(defaults with
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            HiddenLayerSizes = hiddenLayerSizes ?? DropoutMlpDefaults.HiddenLayerSizes,
            DropoutRate = dropoutRate,
            MaximumNumberOfEpochs = maximumNumberOfEpochs,
        });
}
