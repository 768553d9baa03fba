using System.Globalization;

namespace Dropout.MLNet.Benchmarks.Tabular;

/// <summary>Options changed from the command line ("DropoutRate=0.1", "HiddenLayerSizes=256,128", "EarlyStoppingPatience=null").</summary>
internal static class OptionOverrides
{
    public static T Apply<T>(T options, IEnumerable<string> overrides)
        where T : DropoutMlpOptionsBase
    {
        foreach (var item in overrides)
        {
            var (name, text) = (item[..item.IndexOf('=', StringComparison.Ordinal)], item[(item.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var property = typeof(T).GetProperty(name) ?? throw new ArgumentException($"No option '{name}'.");
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value = text == "null" ? null
                : type == typeof(IReadOnlyList<int>) ? text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray()
                : type.IsEnum ? Enum.Parse(type, text)
                : Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
            property.SetValue(options, value);
        }

        options.Validate();
        return options;
    }
}
