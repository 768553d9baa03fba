namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Declares a trainer option's default search range: <see cref="SearchSpace.FromOptions"/> turns it into a
/// <see cref="UniformSingleOption"/> or <see cref="UniformIntOption"/> (by the property's type) whose default is the
/// option's value, clamped into the range.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SearchRangeAttribute : Attribute
{
    /// <summary>Declares the range [min, max].</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    public SearchRangeAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>The smallest value.</summary>
    public double Min { get; }

    /// <summary>The largest value.</summary>
    public double Max { get; }

    /// <summary>Whether to search on a log scale.</summary>
    public bool LogBase { get; init; }
}

/// <summary>Declares a trainer option's default search values; <see cref="SearchSpace.FromOptions"/> turns it into a <see cref="ChoiceOption"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SearchChoiceAttribute : Attribute
{
    /// <summary>Declares the values.</summary>
    /// <param name="choices">The values.</param>
    public SearchChoiceAttribute(params int[] choices) => Choices = choices;

    /// <summary>The values.</summary>
    public IReadOnlyList<int> Choices { get; }
}

/// <summary>
/// Declares how <see cref="DropoutMlpOptionsBase.HiddenLayerSizes"/> is searched: as two hyperparameters,
/// <see cref="SearchSpace.HiddenLayerWidth"/> (the first layer's width, log scale) and <see cref="SearchSpace.HiddenLayerCount"/>
/// (the depth); each further layer is half as wide as the one before it, as in the default [128, 64].
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SearchLayersAttribute : Attribute
{
    /// <summary>Declares the width and depth ranges.</summary>
    /// <param name="minWidth">The narrowest first layer.</param>
    /// <param name="maxWidth">The widest first layer.</param>
    /// <param name="minDepth">The fewest hidden layers.</param>
    /// <param name="maxDepth">The most hidden layers.</param>
    public SearchLayersAttribute(int minWidth, int maxWidth, int minDepth, int maxDepth)
    {
        MinWidth = minWidth;
        MaxWidth = maxWidth;
        MinDepth = minDepth;
        MaxDepth = maxDepth;
    }

    /// <summary>The narrowest first layer.</summary>
    public int MinWidth { get; }

    /// <summary>The widest first layer.</summary>
    public int MaxWidth { get; }

    /// <summary>The fewest hidden layers.</summary>
    public int MinDepth { get; }

    /// <summary>The most hidden layers.</summary>
    public int MaxDepth { get; }
}
