using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>Comparisons of scored columns.</summary>
internal static class ModelAssert
{
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
