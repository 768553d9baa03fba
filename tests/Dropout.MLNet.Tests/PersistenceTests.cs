using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Tests.Infrastructure;

namespace Dropout.MLNet.Tests;

[TestClass]
public sealed class PersistenceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void SaveLoad_WholePipeline_GivesTheSamePredictionsAndSchema()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticData.Rings(300, seed: 1));
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SyntheticData.RingRow.Class))
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: [16], dropoutRate: 0.5f, maximumNumberOfEpochs: 5))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");

        mlContext.Model.Save(model, data.Schema, path);
        var loaded = new MLContext(seed: 2).Model.Load(path, out var inputSchema);

        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        ModelAssert.ScoresEqual(expected, actual, 1e-6f);
        CollectionAssert.AreEqual(expected.GetColumn<string>("PredictedLabel").ToArray(), actual.GetColumn<string>("PredictedLabel").ToArray());
        CollectionAssert.AreEqual(
            expected.Schema.Select(c => $"{c.Name}:{c.Type}").ToArray(),
            actual.Schema.Select(c => $"{c.Name}:{c.Type}").ToArray());
        Assert.IsNotNull(inputSchema.GetColumnOrNull("Features"));
    }

    [TestMethod]
    public void SavedModel_LoadsAndScores_InAProcessWithoutDropoutMLNet()
    {
        var mlContext = new MLContext(seed: 1);
        var train = SyntheticData.RingsWithKeyLabel(mlContext, 300, seed: 1);
        var model = mlContext.MulticlassClassification.Trainers.DropoutMlp(hiddenLayerSizes: [16], maximumNumberOfEpochs: 5).Fit(train);
        var folder = Directory.CreateTempSubdirectory("dropout-mlnet-").FullName;
        try
        {
            var modelPath = Path.Combine(folder, "model.zip");
            var rowsPath = Path.Combine(folder, "rows.csv");
            mlContext.Model.Save(model, train.Schema, modelPath);
            var rows = SyntheticData.Rings(20, seed: 3).ToArray();
            File.WriteAllLines(rowsPath, rows.Select(r => string.Join(',', r.Features.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));

            var output = SiblingProcess.Run("tests/Dropout.MLNet.LoadProbe", modelPath, rowsPath, SyntheticData.FeatureCount);

            Assert.AreEqual("Dropout.MLNet loaded: False", output[^1]);
            var expected = model.Transform(mlContext.Data.LoadFromEnumerable(rows)).GetColumn<float[]>("Score").ToArray();
            for (int r = 0; r < rows.Length; r++)
            {
                var scores = output[r].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                CollectionAssert.AreEqual(expected[r], scores, $"row {r}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
