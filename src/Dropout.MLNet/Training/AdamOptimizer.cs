using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>Adam (Kingma and Ba, 2015) with β = (0.9, 0.999), ε = 1e-8, as <c>torch.optim.Adam</c>.</summary>
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
    private readonly Dictionary<Parameter, (Tensor Mean, Tensor Square)> _moments = new(ReferenceEqualityComparer.Instance);
    private long _step;
    private Scalar? _stepSize;
    private Scalar? _correction2Root;

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
        foreach (var parameter in parameters)
        {
            _moments[parameter] = (zeros_like(parameter).DetachFromDisposeScope(), zeros_like(parameter).DetachFromDisposeScope());
        }
    }

    public override void Dispose()
    {
        foreach (var (mean, square) in _moments.Values)
        {
            mean.Dispose();
            square.Dispose();
        }

        foreach (var scalar in new[] { _weightDecay, _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon, _one, _stepSize, _correction2Root })
        {
            scalar?.Dispose();
        }
    }

    protected override void BeginStep()
    {
        _step++;
        _stepSize?.Dispose();
        _correction2Root?.Dispose();
        _stepSize = (-_learningRate / (1 - Math.Pow(Beta1, _step))).ToScalar();
        _correction2Root = Math.Sqrt(1 - Math.Pow(Beta2, _step)).ToScalar();
    }

    protected override void Update(Parameter parameter, Tensor grad)
    {
        var gradient = _decays ? grad.add(parameter, _weightDecay) : grad;
        var (mean, square) = _moments[parameter];
        mean.mul_(_beta1).add_(gradient, _oneMinusBeta1);
        square.mul_(_beta2).addcmul_(gradient, gradient, _oneMinusBeta2);
        var denominator = square.sqrt().div_(_correction2Root!).add_(_epsilon, _one);
        parameter.addcdiv_(mean, denominator, _stepSize!);
    }
}
