using System.Globalization;

namespace Dropout.MLNet.Sweeps;

/// <summary>A whole-number hyperparameter drawn from [min, max], on a linear or a log scale.</summary>
public sealed class UniformIntOption : SearchOption
{
    private readonly int _default;

    /// <summary>Creates the range.</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value; greater than <paramref name="min"/>.</param>
    /// <param name="logBase">Whether to search on a log scale (then both ends must be positive).</param>
    /// <param name="defaultValue">The value tried first; the range's middle (geometric on a log scale) if <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The range is empty, inverted, not positive on a log scale, or the default lies outside it.</exception>
    public UniformIntOption(int min, int max, bool logBase = false, int? defaultValue = null)
    {
        RequireOrderedRange(min, max, logBase);
        Min = min;
        Max = max;
        LogBase = logBase;
        _default = defaultValue ?? (int)FromUnit(0.5);
        if (_default < min || _default > max)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultValue), _default, $"The default must lie in [{min}, {max}].");
        }
    }

    /// <summary>The smallest value.</summary>
    public int Min { get; }

    /// <summary>The largest value.</summary>
    public int Max { get; }

    /// <summary>Whether the range is searched on a log scale.</summary>
    public bool LogBase { get; }

    /// <inheritdoc/>
    public override object DefaultValue => _default;

    internal override Type ValueType => typeof(int);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Min}, {Max}]{(LogBase ? " log" : "")} integers, default {_default}");

    internal override object FromUnit(double unit) => (int)Math.Clamp(Math.Round(FromUnit(unit, Min, Max, LogBase)), Min, Max);

    internal override double ToUnit(object value) => ToUnit(Convert.ToDouble(value, CultureInfo.InvariantCulture), Min, Max, LogBase);

    internal override IReadOnlyList<object> Grid(int steps) =>
        Enumerable.Range(0, steps).Select(i => FromUnit(steps == 1 ? 0.5 : i / (double)(steps - 1))).Distinct().ToArray();
}
