using Microsoft.ML;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Hyperparameter sweeps for the DropoutMlp trainers: <c>mlContext.DropoutMlpSweeps().CreateExperiment()</c>. Named
/// so that it does not clash with AutoML's <c>mlContext.Auto()</c> when both packages are referenced.
/// </summary>
public sealed class DropoutMlpSweepCatalog
{
    private readonly MLContext _mlContext;

    internal DropoutMlpSweepCatalog(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>Creates an experiment; configure it with its <c>Set...</c> methods, then run it.</summary>
    /// <param name="seed">The seed of the tuner and the data splits.</param>
    /// <returns>The experiment.</returns>
    public DropoutMlpExperiment CreateExperiment(int seed = 0) => new(_mlContext, seed);

    /// <summary>The search space declared on the options (see <see cref="SearchSpace.FromOptions"/>).</summary>
    /// <param name="options">The trainer options a sweep starts from.</param>
    /// <returns>A new search space to narrow or fix.</returns>
    public SearchSpace CreateSearchSpace(DropoutMlpOptionsBase options) => SearchSpace.FromOptions(options);
}

/// <summary>The entry point of sweeps on <see cref="MLContext"/>.</summary>
public static class DropoutMlpSweepCatalogExtensions
{
    /// <summary>The DropoutMlp sweep catalog of this context.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <returns>The catalog.</returns>
    public static DropoutMlpSweepCatalog DropoutMlpSweeps(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new DropoutMlpSweepCatalog(mlContext);
    }
}
