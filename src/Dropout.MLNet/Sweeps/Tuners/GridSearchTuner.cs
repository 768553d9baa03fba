namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Tries every combination of evenly spaced values: <c>steps</c> per range (both ends included) and every value of a
/// choice, in order, or in a seeded random order so that a budget smaller than the grid still covers it evenly.
/// </summary>
public sealed class GridSearchTuner : ITuner
{
    private readonly int _steps;
    private readonly int? _shuffleSeed;
    private (string Name, IReadOnlyList<object> Values)[]? _axes;
    private long _size;
    private Random? _random;
    private readonly Dictionary<long, long> _swapped = [];

    /// <summary>Creates the tuner.</summary>
    /// <param name="stepsPerRange">Values per range; at least 2.</param>
    /// <param name="shuffleSeed">A seed to visit the grid in random order, or <see langword="null"/> for its natural order.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepsPerRange"/> is less than 2.</exception>
    public GridSearchTuner(int stepsPerRange = 5, int? shuffleSeed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerRange, 2);
        _steps = stepsPerRange;
        _shuffleSeed = shuffleSeed;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The grid is never built: point <c>i</c> is decoded from its index (the first option varies slowest), and the shuffled
    /// order is a Fisher–Yates permutation drawn one position at a time, so a grid of millions of points costs nothing
    /// before trial 0 and memory only for the trials run.
    /// </remarks>
    public Parameter? Propose(TrialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_axes is null)
        {
            _axes = [.. settings.SearchSpace.Select(pair => (pair.Key, pair.Value.Grid(_steps)))];
            _size = _axes.Aggregate(1L, (size, axis) => checked(size * axis.Values.Count));
            _random = _shuffleSeed is { } seed ? new Random(seed) : null;
        }

        long trial = settings.TrialId;
        return trial < _size ? Point(_random is null ? trial : NextShuffled(trial)) : null;
    }

    /// <inheritdoc/>
    public void Update(TrialResult result)
    {
    }

    /// <summary>Position <paramref name="trial"/> of a seeded random permutation of the grid (sparse Fisher–Yates; trials asked in order).</summary>
    private long NextShuffled(long trial)
    {
        long pick = _random!.NextInt64(trial, _size);
        long value = _swapped.GetValueOrDefault(pick, pick);
        _swapped[pick] = _swapped.GetValueOrDefault(trial, trial);
        _swapped.Remove(trial);
        return value;
    }

    private Parameter Point(long index)
    {
        var values = new KeyValuePair<string, object>[_axes!.Length];
        for (int axis = _axes.Length - 1; axis >= 0; axis--)
        {
            var (name, choices) = _axes[axis];
            values[axis] = KeyValuePair.Create(name, choices[(int)(index % choices.Count)]);
            index /= choices.Count;
        }

        return new Parameter(values);
    }
}
