using System.Globalization;

namespace Dropout.MLNet.Sweeps;

/// <summary>A numeric range [min, max] searched on a linear or a log scale: what <see cref="UniformSingleOption"/> and <see cref="UniformIntOption"/> share.</summary>
public abstract class UniformNumericOption : SearchOption
{
    private readonly double _min;
    private readonly double _max;

    private protected UniformNumericOption(double min, double max, bool logBase)
    {
        RequireOrderedRange(min, max, logBase);
        _min = min;
        _max = max;
        LogBase = logBase;
    }

    /// <summary>Whether the range is searched on a log scale.</summary>
    public bool LogBase { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{_min:G6}, {_max:G6}]{(LogBase ? " log" : "")}{(ValueType == typeof(int) ? " integers" : "")}, default {DefaultValue}");

    internal override object FromUnit(double unit) => FromReal(FromUnit(unit, _min - Margin, _max + Margin, LogBase));

    internal override double ToUnit(object value) =>
        ToUnit(Convert.ToDouble(value, CultureInfo.InvariantCulture), _min - Margin, _max + Margin, LogBase);

    /// <summary>
    /// How far beyond each end the unit interval reaches before <see cref="FromReal"/>: 0.5 for whole numbers, so that
    /// rounding gives every value of [min, max], the two ends included, an equal share of a uniform draw.
    /// </summary>
    private protected virtual double Margin => 0;

    internal override IReadOnlyList<object> Grid(int steps) =>
        Enumerable.Range(0, steps).Select(i => FromUnit(steps == 1 ? 0.5 : i / (double)(steps - 1))).Distinct().ToArray();

    /// <summary>The value of this option's type nearest to a real number of the range.</summary>
    private protected abstract object FromReal(double value);

    /// <summary>The default, or the range's middle (geometric on a log scale), checked to lie in the range.</summary>
    private protected double CheckDefault(double? value)
    {
        double chosen = value ?? Convert.ToDouble(FromUnit(0.5), CultureInfo.InvariantCulture);
        if (chosen < _min || chosen > _max)
        {
            throw new ArgumentOutOfRangeException("defaultValue", chosen, $"The default must lie in [{_min}, {_max}].");
        }

        return chosen;
    }
}
