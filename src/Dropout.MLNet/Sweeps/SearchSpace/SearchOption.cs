namespace Dropout.MLNet.Sweeps;

/// <summary>
/// One hyperparameter's set of values in a <see cref="SearchSpace"/>: a range (<see cref="UniformSingleOption"/>,
/// <see cref="UniformIntOption"/>) or a list (<see cref="ChoiceOption"/>), with a default. Tuners see every option
/// as the unit interval [0, 1] and map points of it to values.
/// </summary>
public abstract class SearchOption
{
    private protected SearchOption()
    {
    }

    /// <summary>The value tried first, and used where a tuner needs a starting point.</summary>
    public abstract object DefaultValue { get; }

    /// <summary>Whether the values are whole numbers (or a choice) rather than real numbers.</summary>
    internal abstract Type ValueType { get; }

    /// <summary>The value at a point of the unit interval.</summary>
    internal abstract object FromUnit(double unit);

    /// <summary>The point of the unit interval a value maps to.</summary>
    internal abstract double ToUnit(object value);

    /// <summary>Evenly spaced values for grid search (a choice gives all its values).</summary>
    internal abstract IReadOnlyList<object> Grid(int steps);

    private protected static void RequireOrderedRange(double min, double max, bool logBase)
    {
        if (!(min < max))
        {
            throw new ArgumentException($"The range [{min}, {max}] is empty or inverted: min must be less than max.", nameof(max));
        }

        if (logBase && min <= 0)
        {
            throw new ArgumentException($"A log-scale range must be positive, but min is {min}. Raise min above zero or use a linear scale.", nameof(min));
        }
    }

    private protected static double FromUnit(double unit, double min, double max, bool logBase) =>
        logBase ? Math.Exp(Math.Log(min) + (Math.Clamp(unit, 0, 1) * (Math.Log(max) - Math.Log(min)))) : min + (Math.Clamp(unit, 0, 1) * (max - min));

    private protected static double ToUnit(double value, double min, double max, bool logBase) =>
        Math.Clamp(logBase ? (Math.Log(value) - Math.Log(min)) / (Math.Log(max) - Math.Log(min)) : (value - min) / (max - min), 0, 1);
}
