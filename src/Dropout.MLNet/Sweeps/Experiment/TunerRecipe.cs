namespace Dropout.MLNet.Sweeps;

/// <summary>
/// A built-in tuner by name and settings, so that an executor on another machine builds the same tuner from the same
/// seed; a tuner of the user's own (<see cref="Kind"/> "custom") stays in this process.
/// </summary>
internal sealed record TunerRecipe(string Kind, int Number = 0, bool Shuffle = false)
{
    public static readonly TunerRecipe Custom = new("custom");

    /// <summary>The tuner, or <see langword="null"/> for a custom one.</summary>
    public ITuner? Build(int seed) => Kind switch
    {
        "smac" => new SmacTuner(seed, Number),
        "random" => new RandomSearchTuner(seed),
        "grid" => new GridSearchTuner(Number, Shuffle ? seed : null),
        _ => null,
    };
}
