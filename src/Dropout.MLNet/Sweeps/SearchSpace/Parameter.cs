using System.Collections;
using System.Globalization;

namespace Dropout.MLNet.Sweeps;

/// <summary>One point of a <see cref="SearchSpace"/>: a value for each searched hyperparameter, by name.</summary>
public sealed class Parameter : IReadOnlyDictionary<string, object>
{
    private readonly SortedDictionary<string, object> _values;

    /// <summary>Creates a point from values by hyperparameter name.</summary>
    /// <param name="values">The values.</param>
    public Parameter(IEnumerable<KeyValuePair<string, object>> values) =>
        _values = new SortedDictionary<string, object>(values.ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);

    /// <inheritdoc/>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc/>
    public IEnumerable<object> Values => _values.Values;

    /// <inheritdoc/>
    public object this[string key] => _values[key];

    /// <summary>The value of one hyperparameter, converted to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type wanted, e.g. <see cref="float"/> for a rate.</typeparam>
    /// <param name="name">The hyperparameter's name.</param>
    /// <returns>The value.</returns>
    public T GetValue<T>(string name) => (T)Convert.ChangeType(_values[name], typeof(T), CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) => _values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"name=value" pairs, e.g. <c>DropoutRate=0.3, LearningRate=0.001</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Join(", ", _values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}={Format(v.Value)}")));

    /// <summary>Whether two points hold the same values.</summary>
    internal bool SameAs(Parameter other) =>
        Count == other.Count && _values.All(v => other.TryGetValue(v.Key, out var o) && Equals(v.Value, o));

    private static string Format(object value) => value switch
    {
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
