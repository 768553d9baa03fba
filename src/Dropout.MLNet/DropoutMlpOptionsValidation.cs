namespace Dropout.MLNet;

/// <summary>The check of the options: every problem found, each naming its option and what to set, in one exception.</summary>
public abstract partial record DropoutMlpOptionsBase
{
    /// <summary>Adds the problems of the options only one task has, or of options that do not fit the task.</summary>
    private protected virtual void AddTaskProblems(OptionsProblems problems)
    {
    }

    /// <summary>Checks every option and throws one exception that lists each problem, naming the option.</summary>
    /// <exception cref="DropoutMlpOptionsException">One or more options are out of range (it lists each).</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        problems.RequireName(LabelColumnName, nameof(LabelColumnName));
        problems.RequireName(FeatureColumnName, nameof(FeatureColumnName));
        problems.RequireRate(DropoutRate, nameof(DropoutRate));
        problems.RequireRate(InputDropoutRate, nameof(InputDropoutRate));
        problems.RequireRate(ValidationFraction, nameof(ValidationFraction));
        problems.RequireRate(Momentum, nameof(Momentum));
        problems.RequirePositive(LearningRate, nameof(LearningRate));
        if (!(AdamBeta2 > 0f && AdamBeta2 < 1f))
        {
            problems.Add($"{nameof(AdamBeta2)} is {AdamBeta2}; it must be in (0, 1), such as 0.999 (PyTorch's) or 0.95 (RealMLP's).");
        }

        if (LearningRateCycles < 1 || (MaximumNumberOfEpochs > 0 && LearningRateCycles > MaximumNumberOfEpochs))
        {
            problems.Add($"{nameof(LearningRateCycles)} is {LearningRateCycles}; it must be at least 1 and at most {nameof(MaximumNumberOfEpochs)} ({MaximumNumberOfEpochs}).");
        }

        problems.RequireDefined(LearningRateSchedule, nameof(LearningRateSchedule));
        problems.RequireDefined(DropoutSchedule, nameof(DropoutSchedule));
        problems.RequireDefined(FeatureScaling, nameof(FeatureScaling));
        problems.RequireDefined(NumericalEmbedding, nameof(NumericalEmbedding));
        problems.RequireDefined(ClassWeighting, nameof(ClassWeighting));
        problems.RequirePositive(PeriodicEmbeddingScale, nameof(PeriodicEmbeddingScale));
        if (EnsembleSize is < 1 or > DropoutMlpDefaults.MaximumEnsembleSize)
        {
            problems.Add($"{nameof(EnsembleSize)} is {EnsembleSize}; it must be from 1 (one network) to {DropoutMlpDefaults.MaximumEnsembleSize}, such as 4 or 8.");
        }
        else if (EnsembleSize > 1 && DropoutKind == DropoutKind.DropConnect)
        {
            problems.Add($"{nameof(EnsembleSize)} is {EnsembleSize} with {nameof(DropoutKind)} {DropoutKind.DropConnect}, which drops an ensemble's shared weights for every member at once; use another {nameof(DropoutKind)}, or {nameof(EnsembleSize)} 1.");
        }
        else if (EnsembleSize > 1 && CategoricalEmbeddingSize > 0)
        {
            problems.Add($"{nameof(EnsembleSize)} is {EnsembleSize} with {nameof(CategoricalEmbeddingSize)} {CategoricalEmbeddingSize}: a model keeps category embeddings folded into its first layer, and an ensemble's members scale that layer's inputs after the embeddings, which no single first layer can hold; set {nameof(CategoricalEmbeddingSize)} to 0 or {nameof(EnsembleSize)} to 1.");
        }

        if (CategoricalEmbeddingSize is < 0 or > DropoutMlpDefaults.MaximumCategoricalEmbeddingSize)
        {
            problems.Add($"{nameof(CategoricalEmbeddingSize)} is {CategoricalEmbeddingSize}; it must be 0 (off) or at most {DropoutMlpDefaults.MaximumCategoricalEmbeddingSize}, such as 8 (RealMLP's).");
        }

        problems.RequireNonNegative(WeightDecay, nameof(WeightDecay));
        problems.RequireRate(LabelSmoothing, nameof(LabelSmoothing));
        problems.RequireNonNegative(MinimumImprovement, nameof(MinimumImprovement));
        if (BatchSize is { } batchSize)
        {
            problems.RequirePositive(batchSize, nameof(BatchSize));
        }

        problems.RequirePositive(MaximumNumberOfEpochs, nameof(MaximumNumberOfEpochs));
        if (MaximumRowPasses is { } rowPasses && rowPasses <= 0)
        {
            problems.Add($"{nameof(MaximumRowPasses)} is {rowPasses}; it must be positive, or null to train every one of {nameof(MaximumNumberOfEpochs)}.");
        }

        if (EarlyStoppingPatience is { } patience)
        {
            problems.RequirePositive(patience, nameof(EarlyStoppingPatience));
        }

        if (NumberOfThreads is { } threads)
        {
            problems.RequirePositive(threads, nameof(NumberOfThreads));
        }

        problems.RequireLayers(HiddenLayerSizes, HiddenLayerDropoutRates);
        problems.RequireMaxNorms(MaxNorm, HiddenLayerMaxNorms, HiddenLayerSizes);
        if (DropoutKind == DropoutKind.Alpha && Activation != DropoutMlpActivation.Selu)
        {
            problems.Add($"{nameof(DropoutKind)} is Alpha, which keeps the mean and variance of SELU activations only, but {nameof(Activation)} is {Activation}; set {nameof(Activation)} = Selu or choose another dropout kind.");
        }

        AddTaskProblems(problems);
        problems.ThrowIfAny(GetType());
    }
}
