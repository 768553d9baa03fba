namespace Dropout.MLNet;

/// <summary>
/// What the options come to for a fit: the values an option leaves automatic (the batch size, the epochs a row budget
/// leaves) or spreads over the layers (dropout rates, max-norms), resolved from the options alone.
/// </summary>
public abstract partial record DropoutMlpOptionsBase
{
    /// <summary>
    /// The number of epochs to train <paramref name="trainingRows"/> rows for: <see cref="MaximumNumberOfEpochs"/>, fewer
    /// where <see cref="MaximumRowPasses"/> says so (each member of an ensemble passes every row).
    /// </summary>
    internal int ResolvedEpochs(long trainingRows)
    {
        long memberRows = trainingRows * EnsembleSize;
        return MaximumRowPasses is { } passes && memberRows > 0
            ? (int)Math.Clamp((passes + memberRows - 1) / memberRows, 1, MaximumNumberOfEpochs)
            : MaximumNumberOfEpochs;
    }

    /// <summary>The optimizer steps of one epoch over <paramref name="trainingRows"/> rows.</summary>
    internal int StepsPerEpoch(long trainingRows)
    {
        int batchSize = ResolvedBatchSize(trainingRows);
        return (int)((trainingRows + batchSize - 1) / batchSize);
    }

    /// <summary>The batch size for <paramref name="trainingRows"/> rows: <see cref="BatchSize"/>, or the automatic choice it describes.</summary>
    internal int ResolvedBatchSize(long trainingRows) =>
        BatchSize ?? (int)Math.Clamp(trainingRows / DropoutMlpDefaults.AutomaticStepsPerEpoch, DropoutMlpDefaults.MinimumAutomaticBatchSize, DropoutMlpDefaults.MaximumAutomaticBatchSize);

    /// <summary>The max-norm of each hidden layer, resolved from <see cref="HiddenLayerMaxNorms"/> or <see cref="MaxNorm"/>; <see langword="null"/> for none.</summary>
    internal IReadOnlyList<float>? ResolvedHiddenMaxNorms =>
        HiddenLayerMaxNorms ?? (MaxNorm is { } norm ? Enumerable.Repeat(norm, HiddenLayerSizes.Count).ToArray() : null);

    /// <summary>The drop probability of each hidden layer, resolved from <see cref="HiddenLayerDropoutRates"/> or <see cref="DropoutRate"/>.</summary>
    internal IReadOnlyList<float> ResolvedHiddenDropoutRates =>
        HiddenLayerDropoutRates ?? Enumerable.Repeat(DropoutRate, HiddenLayerSizes.Count).ToArray();
}
