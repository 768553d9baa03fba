using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// The multilayer perceptron: [input dropout] → (linear → activation → dropout) per hidden layer → linear
/// logits (the features first through a <see cref="PeriodicEmbedding"/>, a <see cref="CategoryEmbedding"/> and a
/// <see cref="ScalingLayer"/> when the spec asks; an ensemble's members from an <see cref="EnsembleInput"/> to an
/// <see cref="EnsembleOutput"/>), with the dropout of <see cref="NetworkSpec.DropoutKind"/> (DropConnect wraps the linear
/// layers instead). Module names ("input_dropout", "hidden{i}", "activation{i}", "dropout{i}", "output") are the keys
/// of its state dictionary.
/// </summary>
internal sealed class MlpNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _layers;
    private readonly Linear[] _linears;
    private readonly nn.Module<Tensor, Tensor>?[] _dropoutsBefore;

    public MlpNetwork(NetworkSpec spec, Generator generator)
        : base(nameof(MlpNetwork))
    {
        Spec = spec;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        var linears = new List<Linear>();
        var dropoutsBefore = new List<nn.Module<Tensor, Tensor>?> { DropoutLayers.Create(spec.DropoutKind, spec.InputDropoutRate, generator) };
        if (dropoutsBefore[0] is { } inputDropout)
        {
            modules.Add(("input_dropout", inputDropout));
        }

        if (spec.PeriodicEmbeddingScale is { } scale)
        {
            Embedding = new PeriodicEmbedding(spec.EmbeddedIndices, scale, generator);
            modules.Add(("embedding", Embedding));
        }

        if (spec.Categories.Count > 0)
        {
            Categories = new CategoryEmbedding(spec, generator);
            modules.Add(("categories", Categories));
        }

        if (spec.ScaleInputs)
        {
            Scaling = new ScalingLayer(spec.FirstLayerInputs);
            modules.Add(("scaling", Scaling));
        }

        if (spec.IsEnsemble)
        {
            Ensemble = new EnsembleInput(spec.EnsembleSize, spec.FirstLayerInputs, generator);
            modules.Add(("ensemble", Ensemble));
        }

        int layer = 0;
        foreach (var (inputs, outputs) in spec.LinearShapes())
        {
            var linear = CreateLinear(inputs, outputs, generator);
            linears.Add(linear);
            nn.Module<Tensor, Tensor> weights = spec.DropoutKind == DropoutKind.DropConnect && spec.RateBefore(layer) > 0f
                ? new DropConnectLinear(linear, spec.RateBefore(layer), generator)
                : linear;
            if (layer == spec.HiddenLayerSizes.Count)
            {
                modules.Add(("output", spec.IsEnsemble ? new EnsembleOutput(linear, spec.EnsembleSize) : weights));
                break;
            }

            modules.Add(($"hidden{layer}", weights));
            modules.Add(($"activation{layer}", CreateActivation(spec.Activation)));
            dropoutsBefore.Add(DropoutLayers.Create(spec.DropoutKind, spec.HiddenDropoutRates[layer], generator));
            if (dropoutsBefore[^1] is { } dropout)
            {
                modules.Add(($"dropout{layer}", dropout));
            }

            layer++;
        }

        _linears = [.. linears];
        _dropoutsBefore = [.. dropoutsBefore];
        _layers = nn.Sequential(modules);
        register_module("layers", _layers);
    }

    public NetworkSpec Spec { get; }

    /// <summary>The periodic embedding of the features, when the spec asks for one.</summary>
    public PeriodicEmbedding? Embedding { get; }

    /// <summary>The embeddings of categories with many levels, when the spec asks.</summary>
    public CategoryEmbedding? Categories { get; }

    /// <summary>The members' input scales of an ensemble, when the spec asks for one.</summary>
    public EnsembleInput? Ensemble { get; }

    /// <summary>The learned scales of the first layer's inputs, when the spec asks.</summary>
    public ScalingLayer? Scaling { get; }

    /// <summary>The linear layers, input side first.</summary>
    public IReadOnlyList<Linear> Linears => _linears;

    /// <summary>The dropout module applied to the input of linear layer <paramref name="layer"/>, if any (none with DropConnect).</summary>
    public nn.Module<Tensor, Tensor>? DropoutBefore(int layer) => _dropoutsBefore[layer];

    /// <summary>
    /// The outputs: an ensemble's members' averaged in evaluation mode, each member's ([k·rows, outputs], member after
    /// member) in training mode, where each member is trained on its own loss and Monte Carlo dropout draws over them.
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        if (!Spec.IsEnsemble || training)
        {
            return _layers.forward(input);
        }

        using var scope = NewDisposeScope();
        return EnsembleAverage.Of(_layers.forward(input), Spec.EnsembleSize, Spec.Output).MoveToOuterDisposeScope();
    }

    /// <summary>Each member's outputs, [k·rows, outputs], in either mode (one network's outputs when it is not an ensemble).</summary>
    public Tensor MemberOutputs(Tensor input) => _layers.forward(input);

    /// <summary>Sets every dropout's rate to its rate set times <paramref name="factor"/> (a dropout schedule; 1 restores the rates set).</summary>
    public void ScaleDropout(double factor)
    {
        foreach (var dropout in _layers.modules().OfType<IScheduledDropout>())
        {
            dropout.RateFactor = factor;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A linear layer initialized as <c>nn.Linear</c> does (uniform ±1/√fan_in), but from the seeded generator.</summary>
    private static Linear CreateLinear(int inputs, int outputs, Generator generator)
    {
        var linear = nn.Linear(inputs, outputs);
        double bound = 1.0 / Math.Sqrt(inputs);
        using (no_grad())
        {
            linear.weight!.uniform_(-bound, bound, generator);
            linear.bias!.uniform_(-bound, bound, generator);
        }

        return linear;
    }

    private static nn.Module<Tensor, Tensor> CreateActivation(DropoutMlpActivation activation) => activation switch
    {
        DropoutMlpActivation.Relu => nn.ReLU(),
        DropoutMlpActivation.Gelu => nn.GELU(),
        DropoutMlpActivation.Tanh => nn.Tanh(),
        DropoutMlpActivation.Selu => nn.SELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
