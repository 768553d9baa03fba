using Microsoft.ML;
using Dropout.MLNet.Scoring;

namespace Dropout.MLNet;

/// <summary>
/// Finds the DropoutMlp model inside a fitted pipeline, freshly trained or loaded with <c>mlContext.Model.Load</c>, as
/// ML.NET users reach a built-in trainer's model through <c>TransformerChain.LastTransformer</c>.
/// </summary>
public static class DropoutMlpPipelineExtensions
{
    /// <summary>
    /// Returns the DropoutMlp model of <paramref name="pipeline"/> (the last one, if there are several): its parameters,
    /// history and training record, usable with <see cref="MonteCarloDropout"/> and permutation feature importance. For
    /// a loaded pipeline, the parameters are read back from the ONNX model the saved scorer carries.
    /// </summary>
    /// <param name="pipeline">A fitted or loaded pipeline, or a DropoutMlp transformer itself.</param>
    /// <returns>The model. A model found in a loaded pipeline shares its scorer: disposing the model leaves the pipeline usable.</returns>
    /// <exception cref="ArgumentException">The pipeline has no DropoutMlp model.</exception>
    /// <exception cref="InvalidDataException">The model was saved by an earlier Dropout.MLNet that did not record its parameters.</exception>
    public static DropoutMlpTransformer FindDropoutMlp(this ITransformer pipeline) => Locate(pipeline).Model;

    /// <summary>
    /// Transforms <paramref name="data"/> by every step of <paramref name="pipeline"/> before its DropoutMlp model: the data
    /// as the model sees it, with its feature vector (and its slot names) and the key-typed label.
    /// </summary>
    /// <param name="pipeline">A fitted or loaded pipeline with a DropoutMlp model.</param>
    /// <param name="data">Data with the pipeline's input columns.</param>
    /// <returns>The featurized data (lazy, as every ML.NET transform).</returns>
    /// <exception cref="ArgumentException">The pipeline has no DropoutMlp model.</exception>
    public static IDataView TransformUpToDropoutMlp(this ITransformer pipeline, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Locate(pipeline).Before.Aggregate(data, (view, step) => step.Transform(view));
    }

    private static (DropoutMlpTransformer Model, IReadOnlyList<ITransformer> Before) Locate(ITransformer pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Search(pipeline, []) ?? throw new ArgumentException(
            "The pipeline has no DropoutMlp model: no step was trained by a DropoutMlp trainer (or loaded from one's saved model).",
            nameof(pipeline));
    }

    /// <summary>Depth first, last step first, collecting the steps that run before the model.</summary>
    private static (DropoutMlpTransformer Model, IReadOnlyList<ITransformer> Before)? Search(ITransformer step, IReadOnlyList<ITransformer> before)
    {
        if ((step as DropoutMlpTransformer ?? LoadedScorer.Recover(step)) is { } model)
        {
            return (model, before);
        }

        if (step is not IEnumerable<ITransformer> chain)
        {
            return null;
        }

        var steps = chain.ToArray();
        for (int i = steps.Length - 1; i >= 0; i--)
        {
            if (Search(steps[i], [.. before, .. steps[..i]]) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
