namespace Dropout.MLNet.Tests.Zoo;

/// <summary>A generated tabular data set: row-major features and 0-based class indices, for training and for testing.</summary>
internal sealed record ZooData(string Name, int Classes, int FeatureCount, float[][] TrainFeatures, int[] TrainLabels, float[][] TestFeatures, int[] TestLabels)
{
    public override string ToString() => $"{Name} ({TrainLabels.Length} rows, {FeatureCount} features, {Classes} classes)";
}
