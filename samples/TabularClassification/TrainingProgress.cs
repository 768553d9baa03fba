using Dropout.MLNet;
using Microsoft.ML;
using Spectre.Console;

namespace TabularClassification;

/// <summary>Trains while showing each epoch: a live progress bar in a terminal, a line every ten epochs when the output is redirected.</summary>
public static class TrainingProgress
{
    /// <summary>Fits with the options (plus a progress callback) and returns the model and every epoch's record.</summary>
    public static (ITransformer Model, IReadOnlyList<EpochRecord> History) Train(
        DropoutMlpMulticlassTrainer.Options options, Func<DropoutMlpMulticlassTrainer.Options, ITransformer> fit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fit);
        var history = new List<EpochRecord>();
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var model = fit(options with
            {
                EpochCompleted = epoch =>
                {
                    history.Add(epoch);
                    if (epoch.Epoch == 1 || epoch.Epoch % 10 == 0)
                    {
                        Console.WriteLine(Describe(epoch));
                    }
                },
            });
            return (model, history);
        }

        ITransformer? trained = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: options.MaximumNumberOfEpochs);
                trained = fit(options with
                {
                    EpochCompleted = epoch =>
                    {
                        history.Add(epoch);
                        task.Description = Markup.Escape(Describe(epoch));
                        task.Value = epoch.Epoch;
                    },
                });
                task.Value = task.MaxValue;
            });
        return (trained!, history);
    }

    private static string Describe(EpochRecord epoch) =>
        $"epoch {epoch.Epoch,3}  train loss {epoch.TrainLoss:F4}  validation loss {epoch.ValidationLoss:F4}  validation accuracy {epoch.ValidationAccuracy:P1}";
}
