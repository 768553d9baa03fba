using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Network;

namespace Dropout.MLNet.Data;

/// <summary>
/// Which slots of the feature column are one categorical feature's one-hot slots, read from ML.NET's
/// <c>CategoricalSlotRanges</c> annotation: <c>OneHotEncoding</c> and <c>OneHotHashEncoding</c> write it, and
/// <c>Concatenate</c> carries it into the assembled feature vector with each range moved to its place (LightGbm and
/// FastTree read the same annotation for their categorical splits). Pairs of first and last slot, in order.
/// </summary>
internal static class CategoricalSlotRanges
{
    public const string Kind = "CategoricalSlotRanges";

    /// <summary>
    /// The categories of <paramref name="features"/> (a vector of <paramref name="featureCount"/> slots) with more than
    /// <paramref name="minimumLevels"/> slots; none when the column has no annotation, or one that does not describe
    /// ordered, separate ranges inside the vector (then nothing is embedded: the slots enter as they are).
    /// </summary>
    public static IReadOnlyList<CategorySlots> Read(DataViewSchema.Column features, int featureCount, int minimumLevels)
    {
        if (features.Annotations.Schema.GetColumnOrNull(Kind) is not { Type: VectorDataViewType { ItemType: NumberDataViewType number } } annotation
            || number.RawType != typeof(int))
        {
            return [];
        }

        VBuffer<int> buffer = default;
        features.Annotations.GetValue(Kind, ref buffer);
        var bounds = buffer.DenseValues().ToArray();
        var categories = new List<CategorySlots>();
        int next = 0;
        for (int i = 0; i + 1 < bounds.Length; i += 2)
        {
            int first = bounds[i], last = bounds[i + 1];
            if (first < next || last < first || last >= featureCount)
            {
                return [];
            }

            categories.Add(new CategorySlots(first, last - first + 1));
            next = last + 1;
        }

        return bounds.Length % 2 == 0 ? [.. categories.Where(category => category.Levels > minimumLevels)] : [];
    }
}
