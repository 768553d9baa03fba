using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Benchmarks.Runs;

/// <summary>
/// Saves a trained model, loads it back, and measures what users of the loaded model get: test accuracy, rows
/// per second of <c>Transform</c> over the whole test set (read to the end, best of five passes), and the median single-row latency of
/// a <see cref="PredictionEngine{TSrc, TDst}"/>.
/// </summary>
internal static class ScoringSpeed
{
    private const int WarmUpRows = 200;
    private const int TimedRows = 2000;

    public sealed record Figures(double Accuracy, double TransformRowsPerSecond, double PredictionMicroseconds);

    public static Figures OfSavedModel(MLContext mlContext, ITransformer trained, BenchmarkData data, string path)
    {
        mlContext.Model.Save(trained, data.Train.Schema, path);
        var model = mlContext.Model.Load(path, out _);
        double accuracy = mlContext.MulticlassClassification.Evaluate(model.Transform(data.Test)).MicroAccuracy;

        double rowsPerSecond = TransformRowsPerSecond(() => model.Transform(data.Test));

        var engine = mlContext.Model.CreatePredictionEngine<FashionMnist.ImageRow, Prediction>(model);
        var images = mlContext.Data.CreateEnumerable<FashionMnist.ImageRow>(data.Test, reuseRowObject: false).Take(TimedRows).ToArray();
        foreach (var image in images.Take(WarmUpRows))
        {
            engine.Predict(image);
        }

        var latencies = new double[images.Length];
        for (int i = 0; i < images.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            engine.Predict(images[i]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(latencies);
        return new Figures(accuracy, rowsPerSecond, latencies[latencies.Length / 2]);
    }

    /// <summary>
    /// Rows per second of reading every score of <paramref name="scored"/>'s view to the end: the best of five passes
    /// after a warm-up one (one pass over a few thousand rows moved by half between runs on a busy machine).
    /// </summary>
    public static double TransformRowsPerSecond(Func<IDataView> scored)
    {
        ReadScores(scored());
        double best = 0;
        for (int pass = 0; pass < 5; pass++)
        {
            var clock = Stopwatch.StartNew();
            long rows = ReadScores(scored());
            best = Math.Max(best, rows / clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    /// <summary>Reads every row's score to the end; returns the number of rows.</summary>
    public static long ReadScores(IDataView scored)
    {
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([score]);
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        VBuffer<float> value = default;
        long rows = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows++;
        }

        return rows;
    }

    /// <summary>A prediction engine's output: the class probabilities.</summary>
    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
