namespace Dropout.MLNet;

/// <summary>Collects every invalid option so that one exception can name them all.</summary>
internal sealed class OptionsProblems
{
    private readonly List<string> _problems = [];

    public void Add(string problem) => _problems.Add(problem);

    public void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Add($"{option} must name a column; it is empty.");
        }
    }

    public void RequireRate(float value, string option)
    {
        if (!(value >= 0f && value < 1f))
        {
            Add($"{option} must be in [0, 1); it is {value}.");
        }
    }

    public void RequirePositive(float value, string option)
    {
        if (!(value > 0f) || float.IsInfinity(value))
        {
            Add($"{option} must be a positive number; it is {value}.");
        }
    }

    public void RequirePositive(int value, string option)
    {
        if (value <= 0)
        {
            Add($"{option} must be positive; it is {value}.");
        }
    }

    public void RequireNonNegative(float value, string option)
    {
        if (!(value >= 0f) || float.IsInfinity(value))
        {
            Add($"{option} must be zero or positive; it is {value}.");
        }
    }

    public void RequireDefined<TEnum>(TEnum value, string option)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add($"{option} is {value}, which is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    public void RequireLayers(IReadOnlyList<int>? sizes, IReadOnlyList<float>? rates)
    {
        if (sizes is null)
        {
            Add("HiddenLayerSizes must be a list (empty for a linear model); it is null.");
            return;
        }

        for (int i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] <= 0)
            {
                Add($"HiddenLayerSizes[{i}] must be positive; it is {sizes[i]}.");
            }
        }

        if (rates is null)
        {
            return;
        }

        if (rates.Count != sizes.Count)
        {
            Add($"HiddenLayerDropoutRates must have one rate per hidden layer ({sizes.Count}); it has {rates.Count}.");
        }

        for (int i = 0; i < rates.Count; i++)
        {
            RequireRate(rates[i], $"HiddenLayerDropoutRates[{i}]");
        }
    }

    public void RequireMaxNorms(float? maxNorm, IReadOnlyList<float>? perLayer, IReadOnlyList<int>? sizes)
    {
        if (maxNorm is { } norm && !(norm > 0))
        {
            Add($"MaxNorm must be positive (or null for none); it is {norm}.");
        }

        if (perLayer is null)
        {
            return;
        }

        if (sizes is not null && perLayer.Count != sizes.Count)
        {
            Add($"HiddenLayerMaxNorms must have one norm per hidden layer ({sizes.Count}); it has {perLayer.Count}.");
        }

        for (int i = 0; i < perLayer.Count; i++)
        {
            if (!(perLayer[i] > 0))
            {
                Add($"HiddenLayerMaxNorms[{i}] must be positive (PositiveInfinity for none); it is {perLayer[i]}.");
            }
        }
    }

    public void ThrowIfAny(Type optionsType)
    {
        if (_problems.Count > 0)
        {
            var name = optionsType.DeclaringType is { } trainer ? $"{trainer.Name}.{optionsType.Name}" : optionsType.Name;
            throw new DropoutMlpOptionsException(name, [.. _problems]);
        }
    }
}
