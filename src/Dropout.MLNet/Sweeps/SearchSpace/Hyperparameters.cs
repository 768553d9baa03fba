using System.Globalization;
using System.Reflection;

namespace Dropout.MLNet.Sweeps;

/// <summary>Checks a search space against an options type, and writes a point of it into a copy of the options.</summary>
internal static class Hyperparameters
{
    /// <summary>Fails, naming the hyperparameter, if a name is not a searchable option or its values do not fit the option's type.</summary>
    public static void Check(SearchSpace space, DropoutMlpOptionsBase options)
    {
        if (space.Count == 0)
        {
            throw new ArgumentException("The search space is empty: add at least one hyperparameter, e.g. space[\"DropoutRate\"] = new UniformSingleOption(0f, 0.6f).");
        }

        foreach (var (name, option) in space)
        {
            var type = TargetType(name, options);
            bool fits = type == typeof(float) ? option.ValueType is var t && (t == typeof(float) || t == typeof(double) || t == typeof(int))
                : type == typeof(int) ? option.ValueType == typeof(int)
                : option.ValueType == type;
            if (!fits)
            {
                throw new ArgumentException(
                    $"Hyperparameter '{name}' is {type.Name}, but its search option gives {option.ValueType.Name} values; "
                    + $"use {(type == typeof(int) ? nameof(UniformIntOption) : type == typeof(float) ? nameof(UniformSingleOption) : nameof(ChoiceOption))}.");
            }
        }

        if (space.Names.Contains("DropoutRate") && options.HiddenLayerDropoutRates is not null)
        {
            throw new ArgumentException("DropoutRate is searched, but the options' HiddenLayerDropoutRates overrides it; set HiddenLayerDropoutRates to null or fix DropoutRate.");
        }

        if (space.Names.Contains(SearchSpace.HiddenLayerCount) && options.HiddenLayerDropoutRates is not null)
        {
            throw new ArgumentException("HiddenLayerCount is searched, but the options' HiddenLayerDropoutRates has one rate per layer; set it to null or fix HiddenLayerCount.");
        }

        foreach (var point in new[] { 0.0, 1.0 }.Select(u => space.FromUnits(Enumerable.Repeat(u, space.Count).ToArray())))
        {
            Apply(options, point).Validate();
        }
    }

    /// <summary>A copy of the options with the point's values.</summary>
    public static DropoutMlpOptionsBase Apply(DropoutMlpOptionsBase options, Parameter point)
    {
        var copy = options with { };
        foreach (var (name, value) in point)
        {
            if (name is SearchSpace.HiddenLayerWidth or SearchSpace.HiddenLayerCount)
            {
                continue;
            }

            var property = Property(name, copy);
            var type = ValueType(property);
            property.SetValue(copy, type.IsEnum ? value : Convert.ChangeType(value, type, CultureInfo.InvariantCulture));
        }

        if (point.ContainsKey(SearchSpace.HiddenLayerWidth) || point.ContainsKey(SearchSpace.HiddenLayerCount))
        {
            int width = point.TryGetValue(SearchSpace.HiddenLayerWidth, out var w) ? (int)w : options.HiddenLayerSizes.FirstOrDefault(64);
            int depth = point.TryGetValue(SearchSpace.HiddenLayerCount, out var d) ? (int)d : options.HiddenLayerSizes.Count;
            copy = copy with { HiddenLayerSizes = Enumerable.Range(0, depth).Select(i => Math.Max(width >> i, 1)).ToArray() };
        }

        return copy;
    }

    private static Type TargetType(string name, DropoutMlpOptionsBase options) =>
        name is SearchSpace.HiddenLayerWidth or SearchSpace.HiddenLayerCount ? typeof(int) : ValueType(Property(name, options));

    private static PropertyInfo Property(string name, DropoutMlpOptionsBase options)
    {
        var property = options.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (property is null || !property.CanWrite || ValueType(property) is var type && !(type == typeof(float) || type == typeof(int) || type == typeof(bool) || type.IsEnum))
        {
            throw new ArgumentException(
                $"'{name}' is not a hyperparameter of {options.GetType().Name}: use a Single, Int32, Boolean or enum option's name, "
                + $"{SearchSpace.HiddenLayerWidth} or {SearchSpace.HiddenLayerCount}.");
        }

        return property;
    }

    /// <summary>The option's value type; an optional option (<c>int?</c>, where null means automatic) is searched by its values.</summary>
    internal static Type ValueType(PropertyInfo property) => Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
}
