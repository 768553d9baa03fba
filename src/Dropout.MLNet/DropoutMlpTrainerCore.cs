using Microsoft.ML;
using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Onnx;
using Dropout.MLNet.Scoring;
using Dropout.MLNet.Tasks;
using Dropout.MLNet.Training;
using static TorchSharp.torch;

namespace Dropout.MLNet;

/// <summary>
/// The fit shared by both trainers: check the schema, read the rows once, split and standardize, train with
/// TorchSharp, export the evaluation graph to ONNX, build the ML.NET scorer and prove it matches the network.
/// </summary>
internal sealed class DropoutMlpTrainerCore
{
    private readonly DropoutMlpOptionsBase _options;
    private readonly DropoutMlpTask _task;
    private readonly ColumnRoles _roles;
    private readonly FitLog _log;

    public DropoutMlpTrainerCore(DropoutMlpOptionsBase options, DropoutMlpTask task, FitLog log)
    {
        _log = log;
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options with
        {
            HiddenLayerSizes = options.HiddenLayerSizes.ToArray(),
            HiddenLayerDropoutRates = options.HiddenLayerDropoutRates?.ToArray(),
            HiddenLayerMaxNorms = options.HiddenLayerMaxNorms?.ToArray(),
        };
        _task = task;
        _roles = new ColumnRoles(_options.FeatureColumnName, _options.LabelColumnName, _options.ExampleWeightColumnName);
    }

    public DropoutMlpOptionsBase Options => _options;

    public DropoutMlpTransformer Fit(IDataView trainingData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainingData);
        var options = FitHook.Current?.OnFit(this, _options, _task) ?? _options;
        options.CancellationToken.ThrowIfCancellationRequested();
        var (labelColumn, featureCount) = SchemaCheck.Check(trainingData.Schema, _roles, "training data");
        var classes = _task.Label.Describe(labelColumn);
        RequireHeadWidth(classes);
        ScratchFolder.Ensure();
        LibTorch.StartLoading();
        var rows = DataViewReader.Read(trainingData, _roles, _task.Label.CreateGetter, "training data");
        RequireUsableRows(rows, classes);
        LibTorch.EnsureLoaded();
        var head = _task.Scoring.CreateNativeHead(new MLContext(options.Seed), classes, _roles.Label, NativeHead.InputColumn);

        var (train, validation) = validationData is null
            ? ValidationSplit.Split(rows, options.ValidationFraction, options.Seed)
            : (rows, ReadValidation(validationData, classes, featureCount));
        if (options.ClassWeighting == ClassWeighting.Balanced && classes.Count > 0)
        {
            train = ClassBalance.Apply(train, classes.Count);
        }

        NormalizeWeights(train, "training data");
        if (validation is not null)
        {
            NormalizeWeights(validation, "validation data");
        }

        var labelScale = _task.Objective.StandardizesLabels ? LabelStandardizer.Fit(train) : null;
        if (labelScale is not null)
        {
            labelScale.ApplyInPlace(train);
            if (validation is not null)
            {
                labelScale.ApplyInPlace(validation);
            }
        }

        var paritySample = ParitySample.Take(train.Features, featureCount, options.Seed);
        var categories = options.CategoricalEmbeddingSize > 0
            ? CategoricalSlotRanges.Read(trainingData.Schema[_roles.Feature], featureCount, minimumLevels: options.CategoricalEmbeddingSize)
            : [];
        int[] embedded = options.NumericalEmbedding == NumericalEmbedding.Periodic
            ? [.. NumericFeatures.Of(train).Where(j => !categories.Any(category => j >= category.Start && j < category.End))]
            : [];
        var standardizer = options.StandardizeFeatures ? FeatureStandardizer.Fit(train, options.FeatureScaling) : null;
        if (standardizer is not null)
        {
            standardizer.ApplyInPlace(train);
            if (validation is not null)
            {
                standardizer.ApplyInPlace(validation);
            }
        }

        var spec = new NetworkSpec(featureCount, options.HiddenLayerSizes, _task.Objective.OutputSize(classes), options.Activation,
            options.ResolvedHiddenDropoutRates, options.InputDropoutRate, options.DropoutKind,
            embedded.Length > 0 ? options.PeriodicEmbeddingScale : null, embedded, options.ScalingLayer, categories, options.CategoricalEmbeddingSize,
            options.EnsembleSize, _task.Objective.Output);
        using var generator = new Generator((ulong)options.Seed);
        using var network = new MlpNetwork(spec, generator);
        TrainingResult result;
        int threads = options.NumberOfThreads ?? TrainingThreads.For(spec, options.ResolvedBatchSize(train.Count));
        using (var channel = _log.Start())
        using (TrainingThreads.Use(threads))
        {
            FitLog.Info(channel, $"{_task.Name}: {train.Count} training rows, {validation?.Count ?? 0} validation rows, {featureCount} features{(classes.Count > 0 ? $", {classes.Count} classes" : "")}, hidden layers [{string.Join(", ", options.HiddenLayerSizes)}], batch {options.ResolvedBatchSize(train.Count)}, {threads} threads{(categories.Count > 0 ? $", {categories.Count} categories embedded ({categories.Sum(c => c.Levels)} one-hot slots)" : "")}");
            var user = options.EpochCompleted;
            result = new TrainingLoop(network, _task.Objective, options with { NumberOfThreads = threads, EpochCompleted = epoch => { FitLog.Epoch(channel, epoch); user?.Invoke(epoch); } }, generator)
                .Run(train, validation, options.CancellationToken);
            FitLog.Info(channel, $"trained {result.History.Count} epochs; kept epoch {result.BestEpoch}; temperature {result.Temperature:F3}");
        }

        var residuals = labelScale is null ? null : ResidualSpread.Measure(network, validation ?? train, labelScale.Deviation, ofTrainingRows: validation is null);
        if (residuals is not null)
        {
            WarnOfFewCalibrationRows(residuals);
        }

        labelScale?.FoldInto(network);
        // The scaling layer's scales and the categories' embeddings are folded into the first layer's weights: the model is the plain network.
        var weights = NetworkWeights.Capture(network);
        var embedding = NetworkWeights.CaptureEmbedding(network);
        var ensembleScales = NetworkWeights.CaptureEnsembleScales(network);
        spec = spec with { ScaleInputs = false, EmbeddedCategories = null, CategoryEmbeddingSize = 0 };
        var onnxModel = OnnxExporter.Export(spec, weights, embedding, standardizer, head, _roles.Feature,
            TrainingRecord.Create(options, _task, spec, classes.Names, result, residuals), ensembleScales);
        var scorer = ScorerFactory.Create(onnxModel, head, _roles.Feature, trainingData, options.Seed);

        var networkSample = (float[])paritySample.Clone();
        standardizer?.ApplyInPlace(networkSample, featureCount);
        double parity;
        try
        {
            parity = ParityCheck.Verify(network, _task.Scoring, scorer.Chain, _roles.Feature, paritySample, networkSample, featureCount);
        }
        catch (InvalidOperationException)
        {
            scorer.Dispose();
            throw;
        }

        var model = new DropoutMlpModelParameters(_task, spec, weights, classes.Names, standardizer, result, onnxModel, options.Seed)
        {
            ParityDifference = parity,
            Residuals = residuals,
            Embedding = embedding,
            EnsembleScales = ensembleScales,
        };
        return new DropoutMlpTransformer(model, scorer.Chain, _roles.Feature, featureCount, scorer);
    }

    /// <summary>Regression: says on the log when Monte Carlo intervals would rest on no or few held-out rows (refused or loose, never silently narrow).</summary>
    private void WarnOfFewCalibrationRows(ResidualSpread residuals)
    {
        if (residuals.CalibrationRows >= ResidualSpread.RecommendedCalibrationRows && !residuals.OfTrainingRows)
        {
            return;
        }

        using var channel = _log.Start();
        channel?.Warning(Microsoft.ML.Runtime.MessageSensitivity.None, residuals.OfTrainingRows
            ? "No validation rows: MonteCarloDropout.PredictRegression will refuse this model's intervals (training residuals understate the error). Set ValidationFraction above 0 or pass validation data."
            : $"Only {residuals.CalibrationRows} validation rows calibrate MonteCarloDropout.PredictRegression's intervals: their coverage will vary by several points from fit to fit, and coverages above {1 - (1.0 / (residuals.CalibrationRows + 1)):0.###} are refused. {ResidualSpread.RecommendedCalibrationRows} or more are recommended (a larger ValidationFraction or validation data).");
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        FitHook.Current?.OnSchema(this, _options, _task);
        var label = SchemaCheck.Check(inputSchema, _roles);
        _task.Label.CheckShape(label);
        return _task.Scoring.AppendOutputColumns(inputSchema, label);
    }

    private void RequireUsableRows(TrainingRows rows, ClassSet classes)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException(
                $"The training data has no rows with a label in column '{_roles.Label}'. Check the data file and any filter before the trainer.");
        }

        _task.Label.RequireLearnable(rows, classes, _roles.Label);
    }

    private void RequireHeadWidth(ClassSet classes)
    {
        if (classes.Count > NativeHead.MaximumWidth)
        {
            throw new ArgumentException(
                $"Label column '{_roles.Label}' has {classes.Count} classes; DropoutMlp scores at most {NativeHead.MaximumWidth} through "
                + "ML.NET's own scorer (its k×k head grows as k² in memory and k³ to build). Group rare classes into one, or predict "
                + "a coarser label.");
        }
    }

    private TrainingRows ReadValidation(IDataView validationData, ClassSet classes, int featureCount)
    {
        var (validationLabel, validationFeatures) = SchemaCheck.Check(validationData.Schema, _roles, "validation data");
        var validationClasses = _task.Label.Describe(validationLabel);
        if (validationFeatures != featureCount)
        {
            throw new ArgumentException(
                $"Feature column '{_roles.Feature}' has {validationFeatures} slots in the validation data but {featureCount} in the training data; "
                + "featurize both with the same fitted transforms.");
        }

        if (!validationClasses.Names.SequenceEqual(classes.Names))
        {
            throw new ArgumentException(
                $"Label column '{_roles.Label}' has the classes [{Describe(validationClasses)}] in the validation data but "
                + $"[{Describe(classes)}] in the training data, so the same key would mean different classes. Map the label of both "
                + "with one MapValueToKey fitted on the training data (fit it once, then transform both).");
        }

        var rows = DataViewReader.Read(validationData, _roles, _task.Label.CreateGetter, "validation data");
        if (rows.Count == 0)
        {
            throw new ArgumentException(
                $"The validation data has no rows with a label in column '{_roles.Label}', so it cannot measure or stop training. "
                + "Pass validation rows with labels, or call Fit(trainingData) to hold out a share of the training rows instead.");
        }

        return rows;
    }

    /// <summary>
    /// Divides the rows' example weights (in place) by the set's mean weight, so that a batch's loss is proportional to each
    /// row's weight (not to its share of its batch's weight) and the learning rate means the same with or without weights.
    /// </summary>
    private void NormalizeWeights(TrainingRows rows, string dataName)
    {
        if (!rows.HasWeights)
        {
            return;
        }

        var weights = rows.Weights;
        double sum = 0;
        foreach (float weight in weights)
        {
            sum += weight;
        }

        double mean = sum / weights.Length;
        if (!(mean > 0))
        {
            throw new ArgumentException(
                $"Every row of the {dataName} has the weight 0 in example weight column '{_roles.Weight}', so there is nothing to learn "
                + "from or measure. Give the rows positive weights, or leave ExampleWeightColumnName unset.");
        }

        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(weights[i] / mean);
        }
    }

    private static string Describe(ClassSet classes) =>
        string.Join(", ", classes.Names.Take(10)) + (classes.Count > 10 ? $", … ({classes.Count} in all)" : string.Empty);
}
