using System.Globalization;

namespace Dropout.MLNet.Sweeps;

/// <summary>A hyperparameter that takes one of a list of values (numbers, enum members or strings).</summary>
public sealed class ChoiceOption : SearchOption
{
    private readonly object[] _choices;
    private readonly object _default;

    /// <summary>Creates the choice; the first value is the default.</summary>
    /// <param name="choices">The values, at least one, all of one type.</param>
    /// <exception cref="ArgumentException">There are no values, or they are of different types.</exception>
    public ChoiceOption(params object[] choices)
        : this(choices, null)
    {
    }

    /// <summary>Creates the choice with a default.</summary>
    /// <param name="choices">The values, at least one, all of one type.</param>
    /// <param name="defaultChoice">The value tried first; one of <paramref name="choices"/>, or <see langword="null"/> for the first.</param>
    /// <exception cref="ArgumentException">There are no values, they are of different types, or the default is not among them.</exception>
    public ChoiceOption(object[] choices, object? defaultChoice)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Length == 0)
        {
            throw new ArgumentException("A choice needs at least one value.", nameof(choices));
        }

        if (choices.Any(c => c is null || c.GetType() != choices[0].GetType()))
        {
            throw new ArgumentException("The values of a choice must all be of one type, and not null.", nameof(choices));
        }

        _choices = [.. choices];
        _default = defaultChoice ?? choices[0];
        if (!_choices.Contains(_default))
        {
            throw new ArgumentException($"The default {_default} is not one of the choices.", nameof(defaultChoice));
        }
    }

    /// <summary>The values.</summary>
    public IReadOnlyList<object> Choices => _choices;

    /// <inheritdoc/>
    public override object DefaultValue => _default;

    internal override Type ValueType => _choices[0].GetType();

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{{string.Join(", ", _choices)}}}, default {_default}");

    internal override object FromUnit(double unit) => _choices[Math.Min((int)(Math.Clamp(unit, 0, 1) * _choices.Length), _choices.Length - 1)];

    internal override double ToUnit(object value) => (Array.IndexOf(_choices, value) + 0.5) / _choices.Length;

    internal override IReadOnlyList<object> Grid(int steps) => _choices;
}
