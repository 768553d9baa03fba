using System.Diagnostics;
using Dropout.MLNet.Data;
using Dropout.MLNet.Network;
using Dropout.MLNet.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// Mini-batch training: each epoch shuffles the rows with the seeded generator, trains batch by batch (gradients by
/// <see cref="ExplicitBackprop"/> when the network has a hand-written pass, which allocates nothing per batch, else by
/// autograd with each batch inside its own dispose scope), then measures the validation loss and accuracy in evaluation
/// mode without gradients. Ends with the best epoch's weights in the network when there is validation data.
/// </summary>
internal sealed class TrainingLoop
{
    private const int EvaluationBatchSize = 4096;
    private readonly MlpNetwork _network;
    private readonly TaskObjective _objective;
    private readonly DropoutMlpOptionsBase _options;
    private readonly Generator _generator;
    private readonly MaxNormConstraint? _maxNorm;

    public TrainingLoop(MlpNetwork network, TaskObjective objective, DropoutMlpOptionsBase options, Generator generator)
    {
        _network = network;
        _objective = objective;
        _options = options;
        _generator = generator;
        _maxNorm = options.ResolvedHiddenMaxNorms is { } norms ? new MaxNormConstraint(norms) : null;
    }

    public TrainingResult Run(TrainingRows train, TrainingRows? validation, CancellationToken cancellation)
    {
        var trainSet = new BatchSource(train, _objective);
        var validationSet = validation is null ? null : new BatchSource(validation, _objective);
        // The fit's own thread count (libtorch's is process-wide, and a fit running beside this one may have set it since),
        // at most one a processor: the team's threads spin between pieces of work.
        using var team = new ThreadTeam(Math.Min(_options.NumberOfThreads ?? get_num_threads(), Environment.ProcessorCount));
        using var optimizer = OptimizerFactory.Create([.. _network.parameters()], _options, team);
        using var explicitBackprop = ExplicitBackprop.TryCreate(_network, _objective, _options.ResolvedBatchSize(train.Count), team);
        var stopping = new EarlyStopping(_options.EarlyStoppingPatience, _options.MinimumImprovement, _options.EarlyStoppingMetric);
        int epochs = _options.ResolvedEpochs(train.Count);
        int stepsPerEpoch = _options.StepsPerEpoch(train.Count);
        var schedule = new TrainingSchedule(_options, epochs, stepsPerEpoch);
        var history = new List<EpochRecord>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            float trainLoss = RunEpoch(trainSet, optimizer, explicitBackprop, schedule, (epoch - 1) * (long)stepsPerEpoch, cancellation);
            RequireFinite(epoch, trainLoss);
            var (validationLoss, validationAccuracy) = validationSet is null ? (null, null)
                : explicitBackprop?.Evaluate(validationSet) ?? Evaluate(validationSet);
            bool isBest = stopping.Update(epoch, validationLoss, validationAccuracy, _network);
            var record = new EpochRecord(epoch, trainLoss, validationLoss, validationAccuracy, isBest, clock.Elapsed);
            history.Add(record);
            _options.EpochCompleted?.Invoke(record);
            bool trainOn = _options.ContinueAfterEpoch?.Invoke(record) ?? true;
            if (stopping.ShouldStop || !trainOn)
            {
                break;
            }
        }

        _network.ScaleDropout(1);
        if (stopping.BestParameters is { } best)
        {
            NetworkWeights.RestoreSnapshot(_network, best);
        }

        float temperature = 1f;
        if (validationSet is not null && _options.CalibrateProbabilities && _objective.Classes is not null)
        {
            temperature = TemperatureScaling.Fit(_network, _objective, validationSet);
            TemperatureScaling.Apply(_network, temperature);
        }

        _network.eval();
        return new TrainingResult(history, stopping.BestEpoch, temperature);
    }

    /// <summary>A loss that became NaN or infinite will not come back: stop with what to change.</summary>
    private void RequireFinite(int epoch, float trainLoss)
    {
        if (!float.IsFinite(trainLoss))
        {
            throw new InvalidOperationException(
                $"Training diverged in epoch {epoch}: the training loss became {trainLoss}. Lower LearningRate (now {_options.LearningRate}), "
                + "keep StandardizeFeatures on, or check the features for extreme values; a smaller BatchSize or a MaxNorm also steadies training.");
        }
    }

    /// <summary>
    /// One pass over the shuffled rows in training mode, by hand-written gradients when the network has them, each step
    /// at the schedule's learning rate and dropout rates (<paramref name="firstStep"/> counts the steps before); returns
    /// the mean batch loss.
    /// </summary>
    private float RunEpoch(BatchSource data, ParameterOptimizer optimizer, ExplicitBackprop? explicitBackprop, TrainingSchedule schedule, long firstStep,
        CancellationToken cancellation)
    {
        _network.train();
        long[] order;
        using (var permutation = randperm(data.Count, generator: _generator))
        {
            order = permutation.data<long>().ToArray();
        }

        double lossSum = 0;
        int batchSize = _options.ResolvedBatchSize(data.Count);
        for (long start = 0; start < data.Count; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            long size = Math.Min(batchSize, data.Count - start);
            var positions = order.AsSpan((int)start, (int)size);
            if (!schedule.IsConstant)
            {
                long step = firstStep + (start / batchSize);
                optimizer.LearningRateFactor = schedule.LearningRateFactor(step);
                _network.ScaleDropout(schedule.DropoutFactor(step));
            }

            float loss = explicitBackprop is null
                ? AutogradGradients(data, positions, optimizer)
                : explicitBackprop.ComputeGradients(data, positions, _options.LabelSmoothing);
            optimizer.Step();
            _maxNorm?.Apply(_network);
            lossSum += loss * size;
        }

        return (float)(lossSum / data.Count);
    }

    /// <summary>The loss of the rows at <paramref name="positions"/>, its gradients left in the parameters by autograd.</summary>
    private float AutogradGradients(BatchSource data, ReadOnlySpan<long> positions, ParameterOptimizer optimizer)
    {
        using var scope = NewDisposeScope();
        var (features, labels, weights) = data.Gather(positions);
        optimizer.ZeroGrad();
        if (_network.Spec.IsEnsemble)
        {
            // Each member's outputs come stacked: the mean of their losses is the loss over the labels repeated per member.
            int members = _network.Spec.EnsembleSize;
            labels = labels.repeat(members);
            weights = weights?.repeat(members);
        }

        var loss = _objective.Loss(_network.forward(features), labels, weights, _options.LabelSmoothing);
        loss.backward();
        return loss.ToSingle();
    }

    /// <summary>The mean loss and the accuracy (for classes) over a whole set, in evaluation mode without gradients.</summary>
    private (float? Loss, float? Accuracy) Evaluate(BatchSource data)
    {
        _network.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < data.Count; start += EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(EvaluationBatchSize, data.Count - start);
            var (features, labels, weights) = data.Slice(start, size);
            var logits = _network.forward(features);
            lossSum += _objective.Loss(logits, labels, weights).ToSingle() * size;
            correct += _objective.Classes?.CountCorrect(logits, labels).ToInt64() ?? 0;
        }

        return ((float)(lossSum / data.Count), _objective.Classes is null ? null : (float)correct / data.Count);
    }
}
