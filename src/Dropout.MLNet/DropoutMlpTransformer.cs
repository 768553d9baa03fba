using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet;

/// <summary>
/// A trained DropoutMlp model (classifier or regressor). It always scores in evaluation mode (dropout off, deterministic) through ML.NET's
/// ONNX transformer, and <c>mlContext.Model.Save</c> stores that ONNX scorer, so a saved model loads and scores
/// identically in any ML.NET process that references Microsoft.ML.OnnxTransformer.
/// </summary>
/// <remarks>
/// Multiclass models add <c>Score</c> (class probabilities, slot names from the label's key values) and
/// <c>PredictedLabel</c> (a key of the label's values, so <c>MapKeyToValue</c> gives the original label). Binary models
/// add <c>Score</c> (the logit), <c>Probability</c> and <c>PredictedLabel</c> (bool); regression models add <c>Score</c>
/// (the predicted value). As ML.NET's own prediction
/// transformers, it is an <see cref="ISingleFeaturePredictionTransformer{TModel}"/>, so ML.NET's
/// <c>PermutationFeatureImportance</c> overloads that take a prediction transformer accept it. In a loaded pipeline,
/// <see cref="DropoutMlpPipelineExtensions.FindDropoutMlp"/> finds it again.
/// </remarks>
public sealed class DropoutMlpTransformer : ISingleFeaturePredictionTransformer<DropoutMlpModelParameters>, IDisposable
{
    private readonly ITransformer _scorer;
    private readonly int _featureCount;
    /// <summary>What <see cref="Dispose"/> releases: the fitted scorer; <see langword="null"/> for a model found in a loaded pipeline.</summary>
    private readonly IDisposable? _owned;

    internal DropoutMlpTransformer(DropoutMlpModelParameters model, ITransformer scorer, string featureColumnName, int featureCount, IDisposable? owned)
    {
        Model = model;
        _scorer = scorer;
        FeatureColumnName = featureColumnName;
        _featureCount = featureCount;
        _owned = owned;
    }

    /// <summary>The trained network: architecture, weights, classes and training history.</summary>
    public DropoutMlpModelParameters Model { get; }

    /// <summary>The feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The type of the feature column: a vector of <see cref="float"/> of the training data's size.</summary>
    public DataViewType FeatureColumnType => new VectorDataViewType(NumberDataViewType.Single, _featureCount);

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
    /// collection. A disposed transformer no longer scores; copies saved and loaded before stay usable. A model found in a
    /// loaded pipeline leaves the scorer to its pipeline.
    /// </summary>
    public void Dispose() => _owned?.Dispose();

    /// <summary>Saves the ONNX scorer, so the saved model needs nothing of this library to load.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_scorer).Save(ctx);

    internal void CheckInput(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = inputSchema.GetColumnOrNull(FeatureColumnName) ?? throw new ArgumentException(
            $"Feature column '{FeatureColumnName}' was not found in the data to score. Apply the same featurization as in training.",
            nameof(inputSchema));
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != _featureCount)
        {
            throw new ArgumentException(
                $"Feature column '{FeatureColumnName}' is {column.Type} in the data to score, but the model was trained on a vector of "
                + $"{_featureCount} Single values. Score with the same featurization as in training.",
                nameof(inputSchema));
        }
    }
}
