using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Embeddings of categorical features with many levels, as RealMLP's (Holzmüller et al., 2024): the one-hot slots of
/// each embedded category become a learned vector of a few numbers (its row of a table), so a category of thousands of
/// levels reaches the first layer as 8 numbers rather than thousands of columns with a weight each per unit. Every
/// other input passes as it is: [rows, n] to [rows, n − Σ levels + categories × size], the kept inputs in order, then
/// each category's vector. The map is linear in the slots (a one-hot row picks a table row; an all-zero row, a value
/// never seen in training, gives zeros), so a trained model keeps it folded into the first layer's weights
/// (<see cref="NetworkWeights.Capture"/>): the export and Monte Carlo dropout see a plain layer over the one-hot slots.
/// </summary>
internal sealed class CategoryEmbedding : nn.Module<Tensor, Tensor>
{
    /// <summary>
    /// The standard deviation of the table's starting values: a category starts with almost no say, as a one-hot slot
    /// does under its small starting weights. Chosen on the meta-train sets with many-level categories
    /// (benchmarks/NOTES.md): starting from nn.Embedding's 1, embeddings cost 2 points of accuracy against one-hot
    /// slots; from 0.1, 0.6; from 0.01, 0.2.
    /// </summary>
    public const double StartingDeviation = 0.01;

    private readonly IReadOnlyList<CategorySlots> _categories;
    private readonly int _size;
    private readonly Tensor _kept;

    /// <param name="spec">The network's spec: its categories, their embedding size and the inputs they come from.</param>
    /// <param name="generator">The seeded generator of the table's starting values (normal, <see cref="StartingDeviation"/>).</param>
    public CategoryEmbedding(NetworkSpec spec, Generator generator)
        : base(nameof(CategoryEmbedding))
    {
        _categories = spec.Categories;
        _size = spec.CategoryEmbeddingSize;
        Kept = KeptInputs(spec);
        _kept = tensor(Kept.Select(i => (long)i).ToArray()).DetachFromDisposeScope();
        using (no_grad())
        {
            Table = nn.Parameter(empty([_categories.Sum(c => c.Levels), _size]).normal_(0, StartingDeviation, generator));
        }

        register_parameter("table", Table);
    }

    /// <summary>Every category's vectors, one row per one-hot slot, the categories in order: [Σ levels, size].</summary>
    public Parameter Table { get; }

    /// <summary>The inputs that pass as they are, in order.</summary>
    public IReadOnlyList<int> Kept { get; }

    /// <summary>The inputs of <paramref name="spec"/>'s first layer that are not the slots of an embedded category, in order.</summary>
    public static int[] KeptInputs(NetworkSpec spec)
    {
        var embedded = new bool[spec.NetworkInputs];
        foreach (var category in spec.Categories)
        {
            embedded.AsSpan(category.Start, category.Levels).Fill(true);
        }

        return [.. Enumerable.Range(0, embedded.Length).Where(i => !embedded[i])];
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor> { input.index_select(1, _kept) };
        int row = 0;
        foreach (var category in _categories)
        {
            parts.Add(input.narrow(1, category.Start, category.Levels).matmul(Table.narrow(0, row, category.Levels)));
            row += category.Levels;
        }

        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
