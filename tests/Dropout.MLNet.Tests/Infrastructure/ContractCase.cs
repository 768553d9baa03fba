using Microsoft.ML;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>A small trainer and data of the right label type for each task, for the estimator contract tests.</summary>
internal static class ContractCase
{
    public static (MLContext MLContext, IEstimator<ITransformer> Trainer, IDataView Data) Of(string task)
    {
        var mlContext = new MLContext(seed: 1);
        return task switch
        {
            "multiclass" => (mlContext, mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: [8], maximumNumberOfEpochs: 3),
                SyntheticData.RingsWithKeyLabel(mlContext, 120, seed: 1)),
            "binary" => (mlContext, mlContext.BinaryClassification.Trainers.DropoutMlp(hiddenLayerSizes: [8], maximumNumberOfEpochs: 3),
                mlContext.Data.LoadFromEnumerable(SyntheticData.Xor(120, seed: 1))),
            _ => (mlContext, mlContext.Regression.Trainers.DropoutMlp(hiddenLayerSizes: [8], maximumNumberOfEpochs: 3),
                mlContext.Data.LoadFromEnumerable(RegressionData.Smooth(120, seed: 1))),
        };
    }

    /// <summary>The data's features with a text label: a label of the wrong type for every task.</summary>
    public static IDataView WithTextLabel(MLContext mlContext, IDataView data) =>
        mlContext.Data.LoadFromEnumerable(mlContext.Data.CreateEnumerable<FeaturesOnly>(data, reuseRowObject: false)
            .Select(r => new TextLabelRow { Features = r.Features, Label = "a" }));

    private sealed class FeaturesOnly
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class TextLabelRow
    {
        [Microsoft.ML.Data.VectorType(4)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = string.Empty;
    }
}
