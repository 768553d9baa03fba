namespace Dropout.MLNet.Tests.Packaging;

/// <summary>The scratch console app a new user would write: an ordinary ML.NET pipeline with the package's trainer.</summary>
internal static class ConsumerFiles
{
    public const string Program = """
        using Dropout.MLNet;
        using Microsoft.ML;
        using Microsoft.ML.Data;

        """ + XorRows + """

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp())
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        var path = Path.Combine(Path.GetTempPath(), $"consumer-{Guid.NewGuid():N}.zip");
        mlContext.Model.Save(model, data.Schema, path);
        var loaded = mlContext.Model.Load(path, out _);
        var metrics = mlContext.MulticlassClassification.Evaluate(loaded.Transform(data));
        Console.WriteLine(FormattableString.Invariant($"accuracy {metrics.MicroAccuracy:F3}"));
        File.Delete(path);

        """ + RowClass;

    /// <summary>
    /// An app with Microsoft.ML.TorchSharp beside the package: DropoutMlp trains, one of Microsoft.ML.TorchSharp's
    /// estimators is built (fitting it downloads pretrained weights), and a torch call runs, in one process.
    /// </summary>
    public const string ProgramBesideTorchSharp = """
        using System.Reflection;
        using Dropout.MLNet;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Microsoft.ML.TorchSharp;

        """ + XorRows + """

        using var mlp = mlContext.MulticlassClassification.Trainers.DropoutMlp().Fit(mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data));
        var text = mlContext.MulticlassClassification.Trainers.TextClassification(labelColumnName: "Label", sentence1ColumnName: "Sentence");
        using var ones = TorchSharp.torch.ones(3);
        Console.WriteLine(FormattableString.Invariant($"dropout epochs {mlp.Model.History.Count}"));
        Console.WriteLine($"estimator {text.GetType().Name}");
        Console.WriteLine(FormattableString.Invariant($"torch {ones.sum().item<float>():F1}"));
        Console.WriteLine($"mlnet {typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");

        """ + RowClass;

    /// <summary>300 rows of an XOR of two signs, as <c>data</c> (with <c>mlContext</c>).</summary>
    private const string XorRows = """
        var mlContext = new MLContext(seed: 0);
        var random = new Random(0);
        var rows = Enumerable.Range(0, 300).Select(i =>
        {
            float x = (float)random.NextDouble() * 2 - 1, y = (float)random.NextDouble() * 2 - 1;
            return new Row { Label = (x > 0) ^ (y > 0) ? "odd" : "even", Features = [x, y] };
        }).ToList();
        var data = mlContext.Data.LoadFromEnumerable(rows);
        """;

    private const string RowClass = """
        public sealed class Row
        {
            public string Label { get; set; } = "";

            [VectorType(2)]
            public float[] Features { get; set; } = [];
        }
        """;

    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="local" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    /// <param name="version">The packed Dropout.MLNet's version.</param>
    /// <param name="otherPackages">More package references, as "Id" and "Version".</param>
    public static string Project(string version, params (string Id, string Version)[] otherPackages) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Dropout.MLNet" Version="{version}" />
        {string.Concat(otherPackages.Select(p => $"    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />\n"))}  </ItemGroup>
        </Project>
        """;
}
