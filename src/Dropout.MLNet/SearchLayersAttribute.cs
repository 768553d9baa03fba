namespace Dropout.MLNet;

/// <summary>
/// Declares how <see cref="DropoutMlpOptionsBase.HiddenLayerSizes"/> is searched: as two hyperparameters, HiddenLayerWidth
/// (the first layer's width, log scale) and HiddenLayerCount (the depth); each further layer is half as wide as the one
/// before it, as in the default [128, 64]. The one part of the default search space that Microsoft.ML's own
/// <c>[Range]</c> and <c>[Choice]</c> attributes, which declare the rest, cannot express.
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
