namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Tries every combination of evenly spaced values: <c>steps</c> per range (both ends included) and every value of a
/// choice, in order, or in a seeded random order so that a budget smaller than the grid still covers it evenly.
/// </summary>
public sealed class GridSearchTuner : ITuner
{
    private readonly int _steps;
    private readonly int? _shuffleSeed;
    private List<Parameter>? _grid;

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
    public Parameter? Propose(TrialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _grid ??= Build(settings.SearchSpace);
        return settings.TrialId < _grid.Count ? _grid[settings.TrialId] : null;
    }

    /// <inheritdoc/>
    public void Update(TrialResult result)
    {
    }

    private List<Parameter> Build(SearchSpace space)
    {
        IEnumerable<IEnumerable<KeyValuePair<string, object>>> points = [[]];
        foreach (var (name, option) in space)
        {
            var values = option.Grid(_steps);
            points = points.SelectMany(point => values.Select(value => point.Append(KeyValuePair.Create(name, value))));
        }

        var grid = points.Select(point => new Parameter(point)).ToList();
        if (_shuffleSeed is { } seed)
        {
            var random = new Random(seed);
            var shuffled = grid.ToArray();
            random.Shuffle(shuffled);
            grid = [.. shuffled];
        }

        return grid;
    }
}
