namespace Dropout.MLNet.Sweeps;

/// <summary>
/// A model-based tuner in the manner of SMAC (Hutter et al., 2011) and AutoML's <c>SmacTuner</c>: the defaults first,
/// then a Latin hypercube of points spread over every range, then each proposal maximizes expected improvement under
/// a random-forest model (ML.NET's FastForest) of the loss, among random candidates and perturbations of the best
/// points so far.
/// </summary>
public sealed class SmacTuner : ITuner
{
    private const int RandomCandidates = 500;
    private const int LocalCandidatesPerPoint = 100;
    private const int BestPointsPerturbed = 3;
    private const double LocalSpread = 0.1;
    private readonly Random _random;
    private readonly int _initialTrials;
    private readonly int _trees;
    private readonly int _seed;
    private readonly List<(Parameter Point, double Loss)> _history = [];
    private readonly List<Parameter> _tried = [];
    private double[][]? _design;

    /// <summary>Creates the tuner.</summary>
    /// <param name="seed">The seed of its random draws and of the forest.</param>
    /// <param name="initialTrials">Trials (the defaults included) proposed before the model is used; at least 2.</param>
    /// <param name="numberOfTrees">Trees in the forest.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is too small.</exception>
    public SmacTuner(int seed = 0, int initialTrials = 4, int numberOfTrees = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialTrials, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfTrees, 2);
        _random = new Random(seed);
        _seed = seed;
        _initialTrials = initialTrials;
        _trees = numberOfTrees;
    }

    /// <inheritdoc/>
    public Parameter? Propose(TrialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var space = settings.SearchSpace;
        if (settings.TrialId == 0)
        {
            return space.Default();
        }

        if (settings.TrialId < _initialTrials || _history.Count < 2)
        {
            _design ??= LatinHypercube(space.Count, _initialTrials - 1);
            var planned = settings.TrialId <= _design.Length ? [_design[settings.TrialId - 1]] : Array.Empty<double[]>();
            return Fresh(space, planned.Concat(Enumerable.Range(0, 20).Select(_ => RandomUnits(space.Count))));
        }

        var points = _history.Select(h => space.ToUnits(h.Point)).ToArray();
        var surrogate = ForestSurrogate.Fit(points, _history.Select(h => h.Loss).ToArray(), _trees, _seed + _history.Count);
        double best = _history.Min(h => h.Loss);
        var candidates = Enumerable.Range(0, RandomCandidates).Select(_ => RandomUnits(space.Count))
            .Concat(_history.OrderBy(h => h.Loss).Take(BestPointsPerturbed)
                .SelectMany(h => Enumerable.Range(0, LocalCandidatesPerPoint).Select(_ => Perturb(space.ToUnits(h.Point)))))
            .Select(units => (Units: units, Gain: ExpectedImprovement(surrogate.Predict(units), best)))
            .OrderByDescending(c => c.Gain)
            .Select(c => c.Units);
        return Fresh(space, candidates);
    }

    /// <inheritdoc/>
    public void Update(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _tried.Add(result.Parameter);
        if (result.Status == TrialStatus.Completed && double.IsFinite(result.Loss))
        {
            _history.Add((result.Parameter, result.Loss));
        }
    }

    /// <summary>
    /// The first candidate not tried already (after mapping to values; a pruned, stopped or failed point counts as tried,
    /// so it is not proposed again), or a random point.
    /// </summary>
    private Parameter Fresh(SearchSpace space, IEnumerable<double[]> candidates)
    {
        foreach (var units in candidates)
        {
            var point = space.FromUnits(units);
            if (!_tried.Any(tried => tried.SameAs(point)))
            {
                return point;
            }
        }

        return space.FromUnits(RandomUnits(space.Count));
    }

    /// <summary><paramref name="points"/> points whose coordinates fall, in every dimension, into distinct equal strata of [0, 1].</summary>
    private double[][] LatinHypercube(int dimensions, int points)
    {
        var design = Enumerable.Range(0, points).Select(_ => new double[dimensions]).ToArray();
        for (int d = 0; d < dimensions; d++)
        {
            var strata = Enumerable.Range(0, points).ToArray();
            _random.Shuffle(strata);
            for (int i = 0; i < points; i++)
            {
                design[i][d] = (strata[i] + _random.NextDouble()) / points;
            }
        }

        return design;
    }

    private double[] RandomUnits(int count) => Enumerable.Range(0, count).Select(_ => _random.NextDouble()).ToArray();

    private double[] Perturb(double[] units) =>
        units.Select(u => Math.Clamp(u + (LocalSpread * Gaussian()), 0, 1)).ToArray();

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>The expected improvement over <paramref name="best"/> of a normal prediction (losses: lower is better).</summary>
    private static double ExpectedImprovement((double Mean, double StandardDeviation) prediction, double best)
    {
        var (mean, sd) = prediction;
        if (sd <= 1e-12)
        {
            return Math.Max(best - mean, 0);
        }

        double z = (best - mean) / sd;
        return ((best - mean) * NormalCdf(z)) + (sd * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI));
    }

    private static double NormalCdf(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    /// <summary>The error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7).</summary>
    private static double Erf(double x)
    {
        double t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        double y = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return Math.Sign(x) * y;
    }
}
