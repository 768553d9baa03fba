using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>Adam (Kingma and Ba, 2015) with β = (0.9, 0.999), ε = 1e-8, as <c>torch.optim.Adam</c>, over all parameters at once.</summary>
internal sealed class AdamOptimizer : ParameterOptimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;
    private readonly double _learningRate;
    private readonly Scalar _weightDecay;
    private readonly Scalar _beta1;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Scalar _one;
    private readonly bool _decays;
    private readonly Tensor _mean;
    private readonly Tensor _square;
    private long _step;

    public AdamOptimizer(IReadOnlyList<Parameter> parameters, double learningRate, double weightDecay)
        : base(parameters)
    {
        _learningRate = learningRate;
        _decays = weightDecay != 0;
        _weightDecay = weightDecay.ToScalar();
        _beta1 = Beta1.ToScalar();
        _oneMinusBeta1 = (1 - Beta1).ToScalar();
        _beta2 = Beta2.ToScalar();
        _oneMinusBeta2 = (1 - Beta2).ToScalar();
        _epsilon = Epsilon.ToScalar();
        _one = 1.0.ToScalar();
        _mean = StateBuffer();
        _square = StateBuffer();
    }

    public override void Dispose()
    {
        _mean.Dispose();
        _square.Dispose();
        foreach (var scalar in new[] { _weightDecay, _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon, _one })
        {
            scalar.Dispose();
        }

        base.Dispose();
    }

    protected override void Update(Tensor values, Tensor gradients)
    {
        _step++;
        using var stepSize = (-_learningRate / (1 - Math.Pow(Beta1, _step))).ToScalar();
        using var correction2Root = Math.Sqrt(1 - Math.Pow(Beta2, _step)).ToScalar();
        var gradient = _decays ? gradients.add(values, _weightDecay) : gradients;
        _mean.mul_(_beta1).add_(gradient, _oneMinusBeta1);
        _square.mul_(_beta2).addcmul_(gradient, gradient, _oneMinusBeta2);
        var denominator = _square.sqrt().div_(correction2Root).add_(_epsilon, _one);
        values.addcdiv_(_mean, denominator, stepSize);
    }
}
