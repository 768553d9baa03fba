using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests;

/// <summary>A fit writes to the caller's MLContext.Log, as ML.NET's own trainers do.</summary>
[TestClass]
public sealed class MLContextLogTests
{
    [TestMethod]
    public void AFit_LogsItsShapeEachEpochAndItsEnd_ToTheCallersMLContext()
    {
        var mlContext = new MLContext(seed: 1);
        var messages = new List<string>();
        mlContext.Log += (_, e) =>
        {
            if (e.Source == "DropoutMlp" && e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Info)
            {
                lock (messages)
                {
                    messages.Add(e.Message);
                }
            }
        };

        mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 3 })
            .Fit(SyntheticData.RingsWithKeyLabel(mlContext, 100, seed: 1)).Dispose();

        StringAssert.Contains(messages[0], "multiclass classification: 90 training rows, 10 validation rows");
        Assert.AreEqual(3, messages.Count(m => m.Contains("] epoch ", StringComparison.Ordinal)));
        StringAssert.Contains(messages[^1], "trained 3 epochs");
    }

    [TestMethod]
    public void TheBinaryTrainer_LogsToo()
    {
        var mlContext = new MLContext(seed: 1);
        int epochs = 0;
        mlContext.Log += (_, e) => epochs += e.Source == "DropoutMlp" && e.Message.Contains("] epoch ", StringComparison.Ordinal) ? 1 : 0;
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(200, seed: 1));

        mlContext.BinaryClassification.Trainers.DropoutMlp(maximumNumberOfEpochs: 2).Fit(data).Dispose();

        Assert.AreEqual(2, epochs);
    }
}
