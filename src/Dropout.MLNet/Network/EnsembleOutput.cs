using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// The output layers of an ensemble's k members, held as one linear layer of k·outputs rows (member after member), so
/// that what scales or shifts an output layer (temperature, the label's scale) does it to every member alike. Member i's
/// rows of [k·rows, hidden] meet member i's weights only: [k·rows, outputs].
/// </summary>
internal sealed class EnsembleOutput : nn.Module<Tensor, Tensor>
{
    private readonly Linear _linear;
    private readonly int _members;

    public EnsembleOutput(Linear linear, int members)
        : base(nameof(EnsembleOutput))
    {
        _linear = linear;
        _members = members;
        register_module("linear", _linear);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long outputs = _linear.out_features / _members;
        var weight = _linear.weight!.view(_members, outputs, _linear.in_features).transpose(1, 2);
        var members = input.view(_members, -1, _linear.in_features).bmm(weight).add(_linear.bias!.view(_members, 1, outputs));
        return members.reshape(-1, outputs).MoveToOuterDisposeScope();
    }
}
