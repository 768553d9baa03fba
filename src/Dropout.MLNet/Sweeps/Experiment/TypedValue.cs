using System.Globalization;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// A hyperparameter value as text with its type, so that it reads back as the same value (a float to the last bit, an
/// enum by name): how checkpoints and other machines receive trials.
/// </summary>
internal sealed record TypedValue(string Type, string Text)
{
    public static TypedValue Of(object value) => new(value.GetType().AssemblyQualifiedName!, Format(value));

    /// <exception cref="InvalidDataException">The type is unknown here.</exception>
    public object Read()
    {
        var type = System.Type.GetType(Type) ?? throw new InvalidDataException($"A sweep's saved trial names an unknown type '{Type}'.");
        return type.IsEnum ? Enum.Parse(type, Text) : Convert.ChangeType(Text, type, CultureInfo.InvariantCulture);
    }

    /// <summary>Round-trip text: floats and doubles to the last bit.</summary>
    public static string Format(object value) => value switch
    {
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>A point's values by name.</summary>
    public static Dictionary<string, TypedValue> Of(Parameter point) => point.ToDictionary(p => p.Key, p => Of(p.Value));

    /// <summary>The point back.</summary>
    public static Parameter Read(IReadOnlyDictionary<string, TypedValue> values) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, p.Value.Read())));
}
