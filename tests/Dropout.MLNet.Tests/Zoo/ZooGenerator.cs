namespace Dropout.MLNet.Tests.Zoo;

/// <summary>
/// Seeded tabular data with the shapes users' CSVs have. A latent Gaussian vector z decides the class through a random
/// linear-plus-quadratic teacher (so neither a linear model nor a network is exact); the columns are then made from z as
/// a data set's columns are: plain numbers, numbers at 1e6 or 1e-6 scale, constants, near-constants, one-hot blocks of
/// categories with a long tail of rare ones, and noise columns. Class priors, duplicated rows and label noise are options.
/// </summary>
internal sealed class ZooGenerator
{
    private readonly Random _random;
    private readonly int _latent;
    private readonly int _classes;
    private readonly double[,] _linear;
    private readonly double[,] _quadratic;
    private readonly double[] _logPriors;
    private readonly List<Func<double[], Random, IEnumerable<float>>> _columns = [];

    public ZooGenerator(int seed, int classes, int latent, double[]? priors = null)
    {
        _random = new Random(seed);
        _classes = classes;
        _latent = latent;
        _linear = RandomMatrix(classes, latent, 2.0);
        _quadratic = RandomMatrix(classes, latent, 0.5);
        _logPriors = (priors ?? Enumerable.Repeat(1.0, classes).ToArray()).Select(p => Math.Log(p)).ToArray();
    }

    public double LabelNoise { get; init; }

    public int Duplicates { get; init; } = 1;

    /// <summary>Latent features j.. as plain columns, times <paramref name="scale"/> plus <paramref name="offset"/>.</summary>
    public ZooGenerator Numeric(int count, double scale = 1, double offset = 0)
    {
        int first = _columns.Count;
        for (int i = 0; i < count; i++)
        {
            int j = (first + i) % _latent;
            _columns.Add((z, _) => [(float)((z[j] * scale) + offset)]);
        }

        return this;
    }

    /// <summary>Columns that never change, and columns that change in one row of a thousand or by a millionth.</summary>
    public ZooGenerator ConstantAndNearConstant()
    {
        _columns.Add((_, _) => [5f]);
        _columns.Add((_, _) => [0f]);
        _columns.Add((_, r) => [r.NextDouble() < 0.001 ? 1f : 0f]);
        _columns.Add((_, r) => [(float)(1e6 + (r.NextDouble() * 1e-1))]);
        return this;
    }

    /// <summary>
    /// Columns that each mix all latent features with random loadings, plus as much independent noise as signal: the many
    /// correlated columns of a wide table (spectra, sensor arrays, expression levels).
    /// </summary>
    public ZooGenerator Mixtures(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var loadings = Enumerable.Range(0, _latent).Select(_ => Gaussian(_random) / Math.Sqrt(_latent)).ToArray();
            _columns.Add((z, r) => [(float)(z.Select((value, j) => value * loadings[j]).Sum() + Gaussian(r))]);
        }

        return this;
    }

    /// <summary>Independent noise columns.</summary>
    public ZooGenerator Noise(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _columns.Add((_, r) => [(float)Gaussian(r)]);
        }

        return this;
    }

    /// <summary>
    /// A categorical column one-hot encoded into <paramref name="categories"/> slots: the category follows latent feature j
    /// through buckets of probability P(category ≥ c) = 1/(c + 1)², so the last categories are rare (a handful of rows, or none
    /// in a small training set).
    /// </summary>
    public ZooGenerator OneHot(int categories)
    {
        int j = _columns.Count % _latent;
        var cut = Enumerable.Range(1, categories - 1).Select(c => Quantile(1 - (1.0 / ((c + 1.0) * (c + 1.0))))).ToArray();
        _columns.Add((z, _) =>
        {
            var slots = new float[categories];
            int category = cut.Count(t => z[j] > t);
            slots[Math.Min(category, categories - 1)] = 1f;
            return slots;
        });
        return this;
    }

    public ZooData Generate(string name, int trainRows, int testRows)
    {
        var (trainX, trainY) = Rows(trainRows, Duplicates, LabelNoise);
        var (testX, testY) = Rows(testRows, 1, LabelNoise);
        return new ZooData(name, _classes, trainX[0].Length, trainX, trainY, testX, testY);
    }

    private (float[][] Features, int[] Labels) Rows(int count, int duplicates, double labelNoise)
    {
        var features = new List<float[]>(count);
        var labels = new List<int>(count);
        while (features.Count < count)
        {
            var z = Enumerable.Range(0, _latent).Select(_ => Gaussian(_random)).ToArray();
            int label = Teacher(z);
            if (_random.NextDouble() < labelNoise)
            {
                label = _random.Next(_classes);
            }

            var row = _columns.SelectMany(column => column(z, _random)).ToArray();
            for (int d = 0; d < duplicates && features.Count < count; d++)
            {
                features.Add(row);
                labels.Add(label);
            }
        }

        return ([.. features], [.. labels]);
    }

    /// <summary>Samples the class from softmax(linear + quadratic + log prior).</summary>
    private int Teacher(double[] z)
    {
        var logits = new double[_classes];
        for (int c = 0; c < _classes; c++)
        {
            logits[c] = _logPriors[c];
            for (int j = 0; j < _latent; j++)
            {
                logits[c] += (_linear[c, j] * z[j]) + (_quadratic[c, j] * ((z[j] * z[j]) - 1));
            }
        }

        double max = logits.Max();
        var weights = logits.Select(l => Math.Exp(l - max)).ToArray();
        double u = _random.NextDouble() * weights.Sum();
        for (int c = 0; c < _classes; c++)
        {
            u -= weights[c];
            if (u <= 0)
            {
                return c;
            }
        }

        return _classes - 1;
    }

    private double[,] RandomMatrix(int rows, int columns, double scale)
    {
        var matrix = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                matrix[r, c] = Gaussian(_random) * scale;
            }
        }

        return matrix;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The standard normal quantile, by bisection (only for the category cuts).</summary>
    private static double Quantile(double p)
    {
        double low = -10, high = 10;
        for (int i = 0; i < 80; i++)
        {
            double mid = (low + high) / 2;
            if (0.5 * (1 + Erf(mid / Math.Sqrt(2))) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>Abramowitz and Stegun 7.1.26 (error below 1.5e-7).</summary>
    private static double Erf(double x)
    {
        double t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        double polynomial = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        double y = 1 - (polynomial * Math.Exp(-x * x));
        return Math.Sign(x) * y;
    }
}
