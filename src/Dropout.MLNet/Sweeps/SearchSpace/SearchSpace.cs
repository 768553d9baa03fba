using RangeAttribute = Microsoft.ML.SearchSpace.RangeAttribute;
using ChoiceAttribute = Microsoft.ML.SearchSpace.ChoiceAttribute;
using System.Collections;
using System.Reflection;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// The hyperparameters a sweep searches, each a <see cref="SearchOption"/> by name. Names are the trainer options'
/// property names (<c>DropoutRate</c>, <c>LearningRate</c>, ...), plus <see cref="HiddenLayerWidth"/> and
/// <see cref="HiddenLayerCount"/> for the layer sizes. A hyperparameter that is not in the space keeps the value
/// of the options the sweep starts from.
/// </summary>
/// <example>
/// <code>
/// var space = SearchSpace.FromOptions(options).Only("DropoutRate", "LearningRate");
/// space["DropoutRate"] = new UniformSingleOption(0.1f, 0.6f);
/// </code>
/// </example>
public sealed class SearchSpace : IEnumerable<KeyValuePair<string, SearchOption>>
{
    /// <summary>The width of the first hidden layer; each further layer is half as wide.</summary>
    public const string HiddenLayerWidth = nameof(HiddenLayerWidth);

    /// <summary>The number of hidden layers.</summary>
    public const string HiddenLayerCount = nameof(HiddenLayerCount);

    private readonly SortedDictionary<string, SearchOption> _options = new(StringComparer.Ordinal);

    /// <summary>The number of hyperparameters searched.</summary>
    public int Count => _options.Count;

    /// <summary>The names of the hyperparameters searched.</summary>
    public IEnumerable<string> Names => _options.Keys;

    /// <summary>Gets or sets (adds, narrows, replaces) the option of one hyperparameter.</summary>
    /// <param name="name">An options property name, <see cref="HiddenLayerWidth"/> or <see cref="HiddenLayerCount"/>.</param>
    /// <returns>The option.</returns>
    public SearchOption this[string name]
    {
        get => _options.TryGetValue(name, out var option) ? option
            : throw new KeyNotFoundException($"'{name}' is not in the search space; it has {string.Join(", ", Names)}.");
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentNullException.ThrowIfNull(value);
            _options[name] = value;
        }
    }

    /// <summary>
    /// The space declared on the options type by Microsoft.ML's own <see cref="RangeAttribute"/> and
    /// <see cref="ChoiceAttribute"/> (so the options can be handed to AutoML's <c>SearchSpace&lt;T&gt;</c>) and by
    /// <see cref="SearchLayersAttribute"/>: dropout rate, input dropout rate, learning rate, weight decay, batch size,
    /// maximum epochs, hidden layer width and depth. Each default is the options' value, clamped into its range.
    /// </summary>
    /// <param name="options">The options a sweep starts from.</param>
    /// <returns>A new space.</returns>
    public static SearchSpace FromOptions(DropoutMlpOptionsBase options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var space = new SearchSpace();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? value = property.GetValue(options);
            if (property.GetCustomAttribute<RangeAttribute>() is { } range)
            {
                double min = ToDouble(range.Min), max = ToDouble(range.Max);
                double current = Math.Clamp(ToDouble(value), min, max);
                space[property.Name] = Hyperparameters.ValueType(property) == typeof(int)
                    ? new UniformIntOption((int)min, (int)max, range.LogBase, (int)Math.Round(current))
                    : new UniformSingleOption((float)min, (float)max, range.LogBase, (float)current);
            }
            else if (property.GetCustomAttribute<ChoiceAttribute>() is { } choice)
            {
                var choices = choice.Candidates;
                space[property.Name] = new ChoiceOption(choices, choices.Contains(value) ? value : null);
            }
            else if (property.GetCustomAttribute<SearchLayersAttribute>() is { } layers && value is IReadOnlyList<int> sizes)
            {
                int width = Math.Clamp(sizes.Count > 0 ? sizes[0] : layers.MinWidth, layers.MinWidth, layers.MaxWidth);
                space[HiddenLayerWidth] = new UniformIntOption(layers.MinWidth, layers.MaxWidth, logBase: true, width);
                space[HiddenLayerCount] = new UniformIntOption(layers.MinDepth, layers.MaxDepth, defaultValue: Math.Clamp(sizes.Count, layers.MinDepth, layers.MaxDepth));
            }
        }

        return space;
    }

    private static double ToDouble(object? value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Removes hyperparameters from the search: their values come from the options.</summary>
    /// <param name="names">The hyperparameters to fix.</param>
    /// <returns>This space.</returns>
    public SearchSpace Fix(params string[] names)
    {
        foreach (var name in names)
        {
            _ = this[name];
            _options.Remove(name);
        }

        return this;
    }

    /// <summary>Keeps only the named hyperparameters in the search.</summary>
    /// <param name="names">The hyperparameters to search.</param>
    /// <returns>This space.</returns>
    public SearchSpace Only(params string[] names)
    {
        foreach (var name in names)
        {
            _ = this[name];
        }

        return Fix([.. Names.Except(names)]);
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, SearchOption>> GetEnumerator() => _options.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The point of every option's default.</summary>
    internal Parameter Default() => new(_options.Select(o => KeyValuePair.Create(o.Key, o.Value.DefaultValue)));

    /// <summary>The point at unit coordinates (one per hyperparameter, in name order).</summary>
    internal Parameter FromUnits(IReadOnlyList<double> units) =>
        new(_options.Select((o, i) => KeyValuePair.Create(o.Key, o.Value.FromUnit(units[i]))));

    /// <summary>The unit coordinates of a point, in name order.</summary>
    internal double[] ToUnits(Parameter parameter) => _options.Select(o => o.Value.ToUnit(parameter[o.Key])).ToArray();
}
