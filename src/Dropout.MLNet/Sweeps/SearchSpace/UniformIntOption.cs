namespace Dropout.MLNet.Sweeps;

/// <summary>A whole-number hyperparameter drawn from [min, max], on a linear or a log scale.</summary>
public sealed class UniformIntOption : UniformNumericOption
{
    private readonly int _default;

    /// <summary>Creates the range.</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value; greater than <paramref name="min"/>.</param>
    /// <param name="logBase">Whether to search on a log scale (then both ends must be positive).</param>
    /// <param name="defaultValue">The value tried first; the range's middle (geometric on a log scale) if <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The range is empty, inverted, not positive on a log scale, or the default lies outside it.</exception>
    public UniformIntOption(int min, int max, bool logBase = false, int? defaultValue = null)
        : base(min, max, logBase)
    {
        Min = min;
        Max = max;
        _default = (int)CheckDefault(defaultValue);
    }

    /// <summary>The smallest value.</summary>
    public int Min { get; }

    /// <summary>The largest value.</summary>
    public int Max { get; }

    /// <inheritdoc/>
    public override object DefaultValue => _default;

    internal override Type ValueType => typeof(int);

    private protected override double Margin => 0.5;

    private protected override object FromReal(double value) => (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), Min, Max);
}
