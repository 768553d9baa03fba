using Microsoft.ML;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

/// <summary>A cancelled token stops a fit within one mini-batch, inside a pipeline too, with an OperationCanceledException.</summary>
[TestClass]
public sealed class CancellationTests
{
    private static readonly MLContext MlContext = new(seed: 1);

    [TestMethod]
    public void TokenCancelledDuringAnEpoch_StopsThatEpoch()
    {
        using var cancellation = new CancellationTokenSource();
        var epochs = new List<EpochRecord>();
        var trainer = MlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
        {
            MaximumNumberOfEpochs = 50,
            EarlyStoppingPatience = null,
            BatchSize = 16,
            CancellationToken = cancellation.Token,
            EpochCompleted = epoch =>
            {
                epochs.Add(epoch);
                cancellation.Cancel();
            },
        });

        Assert.ThrowsExactly<OperationCanceledException>(() => trainer.Fit(SyntheticData.RingsWithKeyLabel(MlContext, 400, seed: 1)));
        Assert.HasCount(1, epochs, "the second epoch's first batch saw the cancellation");
    }

    [TestMethod]
    public void TokenCancelledFromAnotherThread_StopsAPipelineFitInTheMiddleOfAnEpoch()
    {
        using var cancellation = new CancellationTokenSource();
        var epochs = 0;
        var data = MlContext.Data.LoadFromEnumerable(SyntheticData.Rings(20_000, seed: 2));
        var pipeline = MlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(MlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options
            {
                HiddenLayerSizes = [256, 256],
                MaximumNumberOfEpochs = 1000,
                EarlyStoppingPatience = null,
                BatchSize = 16,
                CancellationToken = cancellation.Token,
                // 50 ms into the second epoch, whose 1,250 batches take about a second.
                EpochCompleted = _ =>
                {
                    epochs++;
                    cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
                },
            }));

        Assert.ThrowsExactly<OperationCanceledException>(() => pipeline.Fit(data));
        Assert.AreEqual(1, epochs, "the second epoch stopped where it was");
    }

    [TestMethod]
    public void AnAlreadyCancelledToken_StopsBeforeAnyTraining()
    {
        var epochs = 0;
        var trainer = MlContext.BinaryClassification.Trainers.DropoutMlp(new DropoutMlpBinaryTrainer.Options
        {
            CancellationToken = new CancellationToken(canceled: true),
            EpochCompleted = _ => epochs++,
        });

        Assert.ThrowsExactly<OperationCanceledException>(() => trainer.Fit(MlContext.Data.LoadFromEnumerable(SyntheticData.Xor(100, seed: 1))));
        Assert.AreEqual(0, epochs);
    }
}
