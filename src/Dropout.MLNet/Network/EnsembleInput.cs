using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// The start of a parameter-efficient ensemble (TabM-mini, Gorishniy et al., 2025): each of k members reads the first
/// layer's inputs times a vector of its own (starting as random signs), and from there on the members share every
/// hidden layer and keep an output layer each (<see cref="EnsembleOutput"/>). [rows, n] becomes [k·rows, n], member after
/// member, so the shared layers run all members as one batch, each member with dropout masks of its own.
/// </summary>
internal sealed class EnsembleInput : nn.Module<Tensor, Tensor>
{
    public EnsembleInput(int members, int inputs, Generator generator)
        : base(nameof(EnsembleInput))
    {
        Members = members;
        using (no_grad())
        {
            Scales = nn.Parameter(empty([members, inputs]).bernoulli_(0.5, generator).mul_(2).sub_(1));
        }

        register_parameter("scales", Scales);
    }

    public int Members { get; }

    /// <summary>Each member's scales of the inputs: [k, n].</summary>
    public Parameter Scales { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return input.unsqueeze(0).mul(Scales.unsqueeze(1)).reshape(-1, input.shape[1]).MoveToOuterDisposeScope();
    }
}
