using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>Stochastic gradient descent with optional momentum (no dampening, no Nesterov), as <c>torch.optim.SGD</c>.</summary>
internal sealed class SgdOptimizer : ParameterOptimizer
{
    private readonly Scalar _negativeLearningRate;
    private readonly Scalar _momentum;
    private readonly Scalar _weightDecay;
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly bool _hasMomentum;
    private readonly bool _decays;
    private readonly Dictionary<Parameter, Tensor> _velocities = new(ReferenceEqualityComparer.Instance);

    public SgdOptimizer(IReadOnlyList<Parameter> parameters, double learningRate, double momentum, double weightDecay)
        : base(parameters)
    {
        _negativeLearningRate = (-learningRate).ToScalar();
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _hasMomentum = momentum != 0;
        _decays = weightDecay != 0;
    }

    public override void Dispose()
    {
        foreach (var velocity in _velocities.Values)
        {
            velocity.Dispose();
        }

        _negativeLearningRate.Dispose();
        _momentum.Dispose();
        _weightDecay.Dispose();
        _one.Dispose();
    }

    protected override void Update(Parameter parameter, Tensor grad)
    {
        var gradient = _decays ? grad.add(parameter, _weightDecay) : grad;
        if (_hasMomentum)
        {
            if (_velocities.TryGetValue(parameter, out var velocity))
            {
                velocity.mul_(_momentum).add_(gradient, _one);
            }
            else
            {
                _velocities[parameter] = velocity = gradient.clone().DetachFromDisposeScope();
            }

            gradient = velocity;
        }

        parameter.add_(gradient, _negativeLearningRate);
    }
}
