namespace Dropout.MLNet.Tests.Zoo;

/// <summary>The shapes the data zoo covers, each generated with its own seed.</summary>
internal static class DataZoo
{
    public static ZooData Create(string name) => name switch
    {
        "tiny" => new ZooGenerator(1, classes: 2, latent: 1).Numeric(1).Generate(name, trainRows: 20, testRows: 400),
        "letters-like" => new ZooGenerator(2, classes: 26, latent: 8).Numeric(16).Generate(name, trainRows: 6000, testRows: 2000),
        "thousand-classes" => new ZooGenerator(3, classes: 1000, latent: 12).Numeric(24).Generate(name, trainRows: 12000, testRows: 3000),
        "wide" => new ZooGenerator(4, classes: 3, latent: 8).Mixtures(4990).Noise(10).Generate(name, trainRows: 300, testRows: 600),
        "tall" => new ZooGenerator(5, classes: 5, latent: 6).Numeric(10).Generate(name, trainRows: 100_000, testRows: 10_000),
        "imbalanced" => new ZooGenerator(6, classes: 3, latent: 4, priors: [1000, 30, 1]).Numeric(6).Generate(name, trainRows: 20_000, testRows: 20_000),
        "scales-and-constants" => new ZooGenerator(7, classes: 4, latent: 4).ConstantAndNearConstant().Numeric(2, scale: 1e6, offset: 3e6)
            .Numeric(2, scale: 1e-6).Numeric(2).Generate(name, trainRows: 2000, testRows: 2000),
        "one-hot-rare" => new ZooGenerator(8, classes: 5, latent: 6).OneHot(20).OneHot(12).OneHot(30).OneHot(8).OneHot(25).Numeric(2)
            .Generate(name, trainRows: 1500, testRows: 3000),
        "duplicates-and-noise" => new ZooGenerator(9, classes: 3, latent: 4) { Duplicates = 3, LabelNoise = 0.2 }.Numeric(6)
            .Generate(name, trainRows: 1800, testRows: 2000),
        "binary-imbalanced" => new ZooGenerator(10, classes: 2, latent: 4, priors: [1000, 1]).Numeric(5).ConstantAndNearConstant()
            .Generate(name, trainRows: 20_000, testRows: 20_000),
        "binary-small-categorical" => new ZooGenerator(11, classes: 2, latent: 4).OneHot(6).OneHot(10).Numeric(3)
            .Generate(name, trainRows: 200, testRows: 2000),
        _ => throw new ArgumentException($"No zoo data set '{name}'.", nameof(name)),
    };
}
