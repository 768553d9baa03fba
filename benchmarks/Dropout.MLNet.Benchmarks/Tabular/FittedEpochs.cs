using System.Globalization;
using Microsoft.ML;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>How many epochs the cross-validation folds' networks trained and kept, written to standard error.</summary>
internal static class FittedEpochs
{
    /// <summary>Writes the mean epochs trained and the mean best epoch over the folds' DropoutMlp models (nothing for other trainers).</summary>
    public static void Report(IEnumerable<ITransformer> foldModels)
    {
        var fitted = foldModels.SelectMany(Flatten).OfType<DropoutMlpTransformer>().Select(t => t.Model).ToArray();
        if (fitted.Length == 0)
        {
            return;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  epochs trained per fold: {fitted.Average(m => m.History.Count):F0}, best {fitted.Average(m => m.BestEpoch):F0}"));
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];
}
