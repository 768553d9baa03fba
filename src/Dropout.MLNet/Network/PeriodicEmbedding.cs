using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// Periodic numerical embeddings, as RealMLP's PBLD (Holzmüller et al., 2024) after Gorishniy et al. (2022): each
/// embedded scaled feature x gains three numbers, a learned linear map of cos(2π(w·x + b)) over 16 learned frequencies w
/// and phases b of its own. A threshold, a bump or a season in one feature is then a few units of the first layer
/// instead of many ReLU pieces. The first linear layer reads all d features as they are, then the three values of each
/// of the e embedded ones (the numeric features: an indicator's two values need no embedding), d + 3e numbers.
/// </summary>
internal sealed class PeriodicEmbedding : nn.Module<Tensor, Tensor>
{
    /// <summary>The frequencies per feature.</summary>
    public const int Frequencies = 16;

    /// <summary>The outputs of each feature's linear map of its periodic values.</summary>
    public const int Mixed = 3;

    private readonly Tensor _indices;

    /// <param name="embedded">The positions of the features to embed, in order.</param>
    /// <param name="frequencyScale">The standard deviation the frequencies start from.</param>
    /// <param name="generator">The seeded generator of the initial values.</param>
    public PeriodicEmbedding(IReadOnlyList<int> embedded, double frequencyScale, Generator generator)
        : base(nameof(PeriodicEmbedding))
    {
        int features = embedded.Count;
        Features = features;
        _indices = tensor(embedded.Select(i => (long)i).ToArray()).DetachFromDisposeScope();
        double bound = 1.0 / Math.Sqrt(Frequencies);
        using (no_grad())
        {
            Frequency = nn.Parameter(empty([features, Frequencies]).normal_(0, frequencyScale, generator));
            Phase = nn.Parameter(empty([features, Frequencies]).uniform_(-0.5, 0.5, generator));
            Weight = nn.Parameter(empty([features, Frequencies, Mixed]).uniform_(-bound, bound, generator));
            Bias = nn.Parameter(empty([features, Mixed]).uniform_(-bound, bound, generator));
        }

        register_parameter("frequency", Frequency);
        register_parameter("phase", Phase);
        register_parameter("weight", Weight);
        register_parameter("bias", Bias);
    }

    /// <summary>The number of embedded features.</summary>
    public int Features { get; }

    /// <summary>w, features × 16.</summary>
    public Parameter Frequency { get; }

    /// <summary>b, features × 16 (in turns: the cosine's argument is 2π(w·x + b)).</summary>
    public Parameter Phase { get; }

    /// <summary>Each feature's linear map, features × 16 × 3.</summary>
    public Parameter Weight { get; }

    /// <summary>Its bias, features × 3.</summary>
    public Parameter Bias { get; }

    /// <summary>[rows, d] to [rows, d + 3e]: the features, then each embedded one's three mixed periodic values (the ONNX export's order of operations).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var turn = (2 * Math.PI).ToScalar();
        long rows = input.shape[0];
        var value = input.index_select(1, _indices).unsqueeze(2);
        var periodic = value.mul(Frequency).add(Phase).mul(turn).cos();
        var mixed = periodic.unsqueeze(2).matmul(Weight).squeeze(2).add(Bias);
        return cat([input, mixed.reshape(rows, Features * Mixed)], 1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _indices.Dispose();
        }

        base.Dispose(disposing);
    }
}
