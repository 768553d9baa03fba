using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>Stochastic gradient descent with optional momentum (no dampening, no Nesterov), as <c>torch.optim.SGD</c>, over all parameters at once.</summary>
internal sealed class SgdOptimizer : ParameterOptimizer
{
    private readonly double _learningRate;
    private readonly Scalar _momentum;
    private readonly Scalar _weightDecay;
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly bool _hasMomentum;
    private readonly bool _decays;
    private Tensor? _velocity;

    public SgdOptimizer(IReadOnlyList<Parameter> parameters, double learningRate, double momentum, double weightDecay)
        : base(parameters)
    {
        _learningRate = learningRate;
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _hasMomentum = momentum != 0;
        _decays = weightDecay != 0;
    }

    public override void Dispose()
    {
        _velocity?.Dispose();
        _momentum.Dispose();
        _weightDecay.Dispose();
        _one.Dispose();
        base.Dispose();
    }

    public override void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var values = Flat.Values;
        var gradients = Flat.Gradients;
        var gradient = _decays ? gradients.add(values, _weightDecay) : gradients;
        if (_hasMomentum)
        {
            if (_velocity is null)
            {
                // torch.optim.SGD starts the momentum buffer at the first gradient.
                _velocity = gradient.clone().DetachFromDisposeScope();
            }
            else
            {
                _velocity.mul_(_momentum).add_(gradient, _one);
            }

            gradient = _velocity;
        }

        using var negativeLearningRate = (-_learningRate * LearningRateFactor).ToScalar();
        values.add_(gradient, negativeLearningRate);
    }
}
