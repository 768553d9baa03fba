using System.Runtime.CompilerServices;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The forward and backward pass of a <see cref="CategoryEmbedding"/> written out by hand for <see cref="ExplicitBackprop"/>,
/// on the memory of its table and gradient. A row's category costs a vectorized search for its non-zero slots and then
/// those slots (one for a one-hot row): each adds its table row, times its value, to the category's vector, and (kept
/// from the forward pass) takes back the vector's gradient, times its value, into that table row's gradient. Through a dense first layer the same category cost a product over all its levels, a row.
/// </summary>
internal sealed class ExplicitCategoryEmbedding : IDisposable
{
    private readonly CategorySlots[] _categories;
    private readonly int _size;
    private readonly int _inputs;
    private readonly int _kept;
    private readonly (int From, int To, int Length)[] _keptRuns;
    private readonly TensorMemory _table;
    private readonly TensorMemory _tableGradient;
    private readonly TensorMemory _outputs;
    private (int Row, int Category, int TableRow, float Value)[] _slots;
    private int _slotCount;

    public ExplicitCategoryEmbedding(CategoryEmbedding embedding, NetworkSpec spec, int batchSize)
    {
        _categories = [.. spec.Categories];
        _size = spec.CategoryEmbeddingSize;
        _inputs = spec.NetworkInputs;
        _kept = embedding.Kept.Count;
        _keptRuns = Runs(embedding.Kept);
        Width = spec.FirstLayerInputs;
        _table = new TensorMemory(embedding.Table.detach().DetachFromDisposeScope());
        _tableGradient = new TensorMemory(embedding.Table.grad?.DetachFromDisposeScope()
            ?? throw new InvalidOperationException("The category embedding's gradient is not allocated; create the optimizer first."));
        _outputs = TensorMemory.Allocate(batchSize * Width);
        _slots = new (int, int, int, float)[Math.Max(1, batchSize * _categories.Length)];
    }

    /// <summary>The numbers a row becomes: its kept inputs, then each category's vector.</summary>
    public int Width { get; }

    /// <summary>The embedded rows of the last <see cref="Forward"/>, [rows, <see cref="Width"/>].</summary>
    public Span<float> Outputs(int rows) => _outputs.Prefix(rows * Width);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> inputs, int rows)
    {
        var table = _table.Span;
        var outputs = Outputs(rows);
        _slotCount = 0;
        for (int row = 0; row < rows; row++)
        {
            var input = inputs.Slice(row * _inputs, _inputs);
            var output = outputs.Slice(row * Width, Width);
            foreach (var (from, to, length) in _keptRuns)
            {
                input.Slice(from, length).CopyTo(output.Slice(to, length));
            }

            int tableRow = 0;
            for (int c = 0; c < _categories.Length; c++)
            {
                var category = _categories[c];
                var vector = output.Slice(_kept + (c * _size), _size);
                vector.Clear();
                var slots = input.Slice(category.Start, category.Levels);
                // The non-zero slots, found a vector at a time (a -0 is found too, and adds nothing).
                for (int level = slots.IndexOfAnyExcept(0f); level >= 0;)
                {
                    MultiplyAdd(table.Slice((tableRow + level) * _size, _size), slots[level], vector);
                    Remember(row, c, tableRow + level, slots[level]);
                    int next = slots[(level + 1)..].IndexOfAnyExcept(0f);
                    level = next < 0 ? -1 : level + 1 + next;
                }

                tableRow += category.Levels;
            }
        }
    }

    /// <summary>
    /// The table's gradient (replacing what it held) from <paramref name="outputGradients"/>, the loss's gradient with
    /// respect to the last <see cref="Forward"/>'s outputs; and, into <paramref name="keptInputGradients"/> when given,
    /// the gradient with respect to the kept inputs at their places (the slots of the categories are left as they were:
    /// nothing before the embedding reads them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> outputGradients, int rows, Span<float> keptInputGradients = default)
    {
        var tableGradient = _tableGradient.Span;
        tableGradient.Clear();
        for (int i = 0; i < _slotCount; i++)
        {
            var (row, category, tableRow, value) = _slots[i];
            var vectorGradient = outputGradients.Slice((row * Width) + _kept + (category * _size), _size);
            MultiplyAdd(vectorGradient, value, tableGradient.Slice(tableRow * _size, _size));
        }

        if (keptInputGradients.IsEmpty)
        {
            return;
        }

        for (int row = 0; row < rows; row++)
        {
            var gradient = outputGradients.Slice(row * Width, Width);
            var inputGradient = keptInputGradients.Slice(row * _inputs, _inputs);
            foreach (var (from, to, length) in _keptRuns)
            {
                gradient.Slice(to, length).CopyTo(inputGradient.Slice(from, length));
            }
        }
    }

    /// <summary>Keeps a non-zero slot of the forward pass for the backward one (a one-hot batch has one a row and category).</summary>
    private void Remember(int row, int category, int tableRow, float value)
    {
        if (_slotCount == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        _slots[_slotCount++] = (row, category, tableRow, value);
    }

    public void Dispose()
    {
        _table.Dispose();
        _tableGradient.Dispose();
        _outputs.Dispose();
    }

    /// <summary><paramref name="destination"/> += <paramref name="x"/> · <paramref name="factor"/> (a vector of a few numbers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAdd(ReadOnlySpan<float> x, float factor, Span<float> destination)
    {
        for (int k = 0; k < destination.Length; k++)
        {
            destination[k] += x[k] * factor;
        }
    }

    /// <summary>The kept inputs as runs of neighbours: (first input, its place in the output, length).</summary>
    private static (int From, int To, int Length)[] Runs(IReadOnlyList<int> kept)
    {
        var runs = new List<(int From, int To, int Length)>();
        for (int j = 0; j < kept.Count; j++)
        {
            if (runs.Count > 0 && runs[^1].From + runs[^1].Length == kept[j])
            {
                runs[^1] = runs[^1] with { Length = runs[^1].Length + 1 };
            }
            else
            {
                runs.Add((kept[j], j, 1));
            }
        }

        return [.. runs];
    }
}
