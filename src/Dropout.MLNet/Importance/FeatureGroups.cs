using Microsoft.ML;
using Microsoft.ML.Data;
using Dropout.MLNet.Data;

namespace Dropout.MLNet.Importance;

/// <summary>
/// Splits the feature vector's slots into what is permuted together, from its slot names: <c>Concatenate</c> names a
/// slot after its source column (<c>bill_length_mm</c>) or source column and slot (<c>island.Biscoe</c>), so the slots
/// of one column share the longest column name of the data that is their name or their name's prefix before a dot.
/// </summary>
internal static class FeatureGroups
{
    public static IReadOnlyList<(string Name, int[] Slots)> Of(DataViewSchema schema, string featureColumn, int featureCount, FeatureGrouping grouping)
    {
        var slotNames = SlotNames(schema[featureColumn], featureCount);
        if (grouping == FeatureGrouping.BySlot)
        {
            return [.. slotNames.Select((name, slot) => (name, new[] { slot }))];
        }

        var columns = schema.Where(c => !c.IsHidden && c.Name != featureColumn).Select(c => c.Name).OrderByDescending(n => n.Length).ToArray();
        return [.. slotNames
            .Select((name, slot) => (Column: columns.FirstOrDefault(c => name == c || name.StartsWith(c + ".", StringComparison.Ordinal)) ?? name, Slot: slot))
            .GroupBy(s => s.Column)
            .Select(g => (g.Key, g.Select(s => s.Slot).ToArray()))];
    }

    private static string[] SlotNames(DataViewSchema.Column features, int featureCount)
    {
        var names = Enumerable.Range(0, featureCount).Select(slot => $"Slot {slot}").ToArray();
        if (features.Annotations.Schema.GetColumnOrNull(AnnotationKinds.SlotNames) is not null)
        {
            VBuffer<ReadOnlyMemory<char>> buffer = default;
            features.GetSlotNames(ref buffer);
            foreach (var (slot, name) in buffer.Items())
            {
                if (!name.IsEmpty)
                {
                    names[slot] = name.ToString();
                }
            }
        }

        return names;
    }
}
