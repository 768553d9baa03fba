using Dropout.MLNet.Tasks;

namespace Dropout.MLNet;

/// <summary>
/// What a DropoutMlp trainer lets the code that drives its pipeline (a sweep) do, through a hook set around the
/// pipeline's schema propagation or fit: learn the trainer's options and task when the schema is propagated, and give the
/// fit other options (hyperparameters, an epoch callback that can stop training). The trainer owns this hook and knows
/// nothing of who sets it; a hook decides by the trainer's identity which trainer it touches.
/// </summary>
internal abstract class FitHook
{
    private static readonly AsyncLocal<FitHook?> Ambient = new();

    /// <summary>The hook around the current call, if any (it flows with the execution context).</summary>
    public static FitHook? Current => Ambient.Value;

    /// <summary>Runs <paramref name="action"/> with this hook current.</summary>
    public T Run<T>(Func<T> action)
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        try
        {
            return action();
        }
        finally
        {
            Ambient.Value = previous;
        }
    }

    /// <summary>A trainer's output schema was asked for (pipeline construction; may happen more than once).</summary>
    /// <param name="trainer">The trainer's identity.</param>
    /// <param name="options">Its options.</param>
    /// <param name="task">Its task.</param>
    public virtual void OnSchema(object trainer, DropoutMlpOptionsBase options, DropoutMlpTask task)
    {
    }

    /// <summary>
    /// A trainer is about to fit: the options it trains with (a hook that only wanted to meet the trainer returns them with
    /// a cancelled <see cref="DropoutMlpOptionsBase.CancellationToken"/>, and the fit stops before reading a row).
    /// </summary>
    /// <param name="trainer">The trainer's identity.</param>
    /// <param name="options">Its own options.</param>
    /// <param name="task">Its task.</param>
    public virtual DropoutMlpOptionsBase OnFit(object trainer, DropoutMlpOptionsBase options, DropoutMlpTask task) => options;
}
