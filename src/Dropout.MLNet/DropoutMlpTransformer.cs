using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet;

/// <summary>
/// A trained DropoutMlp classifier. It always scores in evaluation mode (dropout off, deterministic) through ML.NET's
/// ONNX transformer, and <c>mlContext.Model.Save</c> stores that ONNX scorer, so a saved model loads and scores
/// identically in any ML.NET process that references Microsoft.ML.OnnxTransformer.
/// </summary>
/// <remarks>
/// Multiclass models add <c>Score</c> (class probabilities, slot names from the label's key values) and
/// <c>PredictedLabel</c> (a key of the label's values, so <c>MapKeyToValue</c> gives the original label). Binary models
/// add <c>Score</c> (the logit), <c>Probability</c> and <c>PredictedLabel</c> (bool).
/// </remarks>
public sealed class DropoutMlpTransformer : ITransformer, ICanSaveModel, IDisposable
{
    private readonly ITransformer _scorer;
    private readonly string _featureColumnName;
    private readonly int _featureCount;

    /// <summary>The feature column the model reads.</summary>
    internal string FeatureColumnName => _featureColumnName;

    internal DropoutMlpTransformer(DropoutMlpModelParameters model, ITransformer scorer, string featureColumnName, int featureCount)
    {
        Model = model;
        _scorer = scorer;
        _featureColumnName = featureColumnName;
        _featureCount = featureCount;
    }

    /// <summary>The trained network: architecture, weights, classes and training history.</summary>
    public DropoutMlpModelParameters Model { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The feature column is missing or has another size than in training.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema);
        return _scorer.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The feature column is missing or has another size than in training.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema);
        return _scorer.GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The feature column is missing or has another size than in training.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        return _scorer.Transform(input);
    }

    /// <summary>
    /// Releases the ONNX Runtime session of the scorer (and its temporary model file) now rather than at a garbage
    /// collection. A disposed transformer no longer scores; copies saved and loaded before stay usable.
    /// </summary>
    public void Dispose()
    {
        if (_scorer is TransformerChain<ITransformer> chain)
        {
            foreach (var disposable in chain.OfType<IDisposable>())
            {
                disposable.Dispose();
            }
        }
    }

    /// <summary>Saves the ONNX scorer, so the saved model needs nothing of this library to load.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_scorer).Save(ctx);

    internal void CheckInput(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = inputSchema.GetColumnOrNull(_featureColumnName) ?? throw new ArgumentException(
            $"Feature column '{_featureColumnName}' was not found in the data to score. Apply the same featurization as in training.",
            nameof(inputSchema));
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != _featureCount)
        {
            throw new ArgumentException(
                $"Feature column '{_featureColumnName}' is {column.Type} in the data to score, but the model was trained on a vector of "
                + $"{_featureCount} Single values. Score with the same featurization as in training.",
                nameof(inputSchema));
        }
    }
}
