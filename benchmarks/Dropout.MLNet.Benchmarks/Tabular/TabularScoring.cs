using System.Diagnostics;
using Microsoft.ML;
using Dropout.MLNet.Benchmarks.Runs;
using Microsoft.ML.Data;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>
/// What users of a saved tabular model get: the model is saved and loaded back, then timed over the test rows through
/// <c>Transform</c> (rows per second, read to the end, best of five passes after a warm-up) and through a <see cref="PredictionEngine{TSrc, TDst}"/>
/// (median microseconds per row after a warm-up).
/// </summary>
internal static class TabularScoring
{
    private const int WarmUpRows = 500;
    private const int TimedRows = 5000;

    public sealed record Figures(double TransformRowsPerSecond, double PredictionMicroseconds);

    public static Figures OfSavedModel(MLContext mlContext, ITransformer trained, IDataView train, IDataView test, int features, string path)
    {
        mlContext.Model.Save(trained, train.Schema, path);
        var model = mlContext.Model.Load(path, out _);

        double rowsPerSecond = ScoringSpeed.TransformRowsPerSecond(() => model.Transform(test));

        var input = SchemaDefinition.Create(typeof(Row));
        input[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        var engine = mlContext.Model.CreatePredictionEngine<Row, ScoringSpeed.Prediction>(model, inputSchemaDefinition: input);
        var inputs = test.GetColumn<float[]>("Features").Take(WarmUpRows + TimedRows).Select(f => new Row { Features = f }).ToArray();
        foreach (var row in inputs.Take(WarmUpRows))
        {
            engine.Predict(row);
        }

        var latencies = inputs.Skip(WarmUpRows).Select(row =>
        {
            long start = Stopwatch.GetTimestamp();
            engine.Predict(row);
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }).Order().ToArray();
        return new Figures(rowsPerSecond, latencies[latencies.Length / 2]);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
