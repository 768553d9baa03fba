using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Comparisons of scored columns, and the save-and-load round trip they are made across.</summary>
internal static class ModelAssert
{
    /// <summary><paramref name="model"/> saved with ML.NET and loaded back by a new context, as a user's app would.</summary>
    public static ITransformer SavedAndLoaded(MLContext mlContext, ITransformer model, DataViewSchema inputSchema)
    {
        using var saved = new MemoryStream();
        mlContext.Model.Save(model, inputSchema, saved);
        saved.Position = 0;
        return new MLContext(seed: 1).Model.Load(saved, out _);
    }

    public static void ScoresEqual(IDataView expected, IDataView actual, float tolerance, string column = "Score")
    {
        var a = expected.GetColumn<float[]>(column).ToArray();
        var b = actual.GetColumn<float[]>(column).ToArray();
        Assert.HasCount(a.Length, b);
        for (int row = 0; row < a.Length; row++)
        {
            for (int i = 0; i < a[row].Length; i++)
            {
                Assert.AreEqual(a[row][i], b[row][i], tolerance, $"row {row}, slot {i}");
            }
        }
    }
}
