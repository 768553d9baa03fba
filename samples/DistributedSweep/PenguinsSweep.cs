using Dropout.MLNet;
using Dropout.MLNet.Sweeps;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DistributedSweep;

/// <summary>
/// The experiment the sweep's client and every worker build alike: the penguins CSV loaded on each machine (the data
/// never travels), its featurization and the DropoutMlp trainer, the metric and the search space.
/// </summary>
public static class PenguinsSweep
{
    public const string Study = "penguins";

    public static DropoutMlpExperiment Experiment(MLContext mlContext)
    {
        var data = mlContext.Data.LoadFromTextFile<Penguin>(Path.Combine(AppContext.BaseDirectory, "Data", "penguins.csv"), separatorChar: ',', hasHeader: true);
        var options = new DropoutMlpMulticlassTrainer.Options { HiddenLayerSizes = [32, 16], MaximumNumberOfEpochs = 60 };
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Penguin.Species))
            .Append(mlContext.Transforms.Categorical.OneHotEncoding([new("Island"), new("Sex")]))
            .Append(mlContext.Transforms.ReplaceMissingValues([new("BillLength"), new("BillDepth"), new("Flipper"), new("Mass")]))
            .Append(mlContext.Transforms.Concatenate("Features", "Island", "Sex", "BillLength", "BillDepth", "Flipper", "Mass"))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(options));
        return mlContext.DropoutMlpSweeps().CreateExperiment(seed: 0)
            .SetPipeline(pipeline)
            .SetDataset(data, fold: 3, stratificationColumnName: nameof(Penguin.Species))
            .SetMetric(SweepMetric.LogLoss)
            .SetSearchSpace(SearchSpace.FromOptions(options).Only("DropoutRate", "LearningRate", "WeightDecay"))
            .SetSmacTuner()
            .SetPruner(new AshaPruner(gracePeriod: 10));
    }

    public sealed class Penguin
    {
        [LoadColumn(0)] public string Species { get; set; } = "";
        [LoadColumn(1)] public string Island { get; set; } = "";
        [LoadColumn(2)] public float BillLength { get; set; }
        [LoadColumn(3)] public float BillDepth { get; set; }
        [LoadColumn(4)] public float Flipper { get; set; }
        [LoadColumn(5)] public float Mass { get; set; }
        [LoadColumn(6)] public string Sex { get; set; } = "";
    }
}
