using System.Globalization;
using System.Text;
using Dropout.MLNet.Benchmarks.Runs;

namespace Dropout.MLNet.Benchmarks;

/// <summary>
/// Writes benchmarks/RESULTS.md from one command: every benchmark of the harness, each in its own process (so each peak
/// memory is its own and no run warms the next), in one sitting on one machine, under a header that says which machine,
/// when, and the command. What each table measures is said above it; analyses of earlier runs live in NOTES.md.
/// </summary>
internal static class ResultsDocument
{
    /// <summary>A section: its title, what it measures, and the harness command that prints its tables.</summary>
    private sealed record Section(string Title, string Setup, string[] Command, string? MissingInput = null);

    /// <param name="threads">Threads for every run.</param>
    /// <param name="epochs">Fashion-MNIST epochs.</param>
    /// <param name="tabularFolder">Where benchmarks/tabular/README.md's classification CSVs and manifest.txt are.</param>
    /// <param name="regressionFolder">Where its regression CSVs and regression.txt are.</param>
    /// <param name="metatestFolder">Where export_metatest.R wrote the meta-test zoo (metatest.txt, metatest-regression.txt).</param>
    /// <param name="sweep">Whether to run the Fashion-MNIST sweep (about 50 minutes on 2 cores).</param>
    /// <param name="arguments">The command line, for the header.</param>
    public static string Run(int threads, int epochs, string tabularFolder, string regressionFolder, string metatestFolder, bool sweep, string arguments)
    {
        string metatest = Path.Combine(metatestFolder, "metatest.txt"), metatestRegression = Path.Combine(metatestFolder, "metatest-regression.txt");
        var t = threads.ToString(CultureInfo.InvariantCulture);
        string manifest = Path.Combine(tabularFolder, "manifest.txt"), shuttle = Path.Combine(tabularFolder, "Shuttle.csv");
        string regression = Path.Combine(regressionFolder, "regression.txt");
        var sections = new List<Section>
        {
            new("Fashion-MNIST against PyTorch and ML.NET's trainers",
                "MLP 784-512-256-10, ReLU, dropout after both hidden layers, Adam 1e-3, batch 128, no validation split, seed 0; "
                + "PyTorch 1.13 (`benchmarks/pytorch_mlp.py`, Debian's `/usr/bin/python3`) with passive and default OpenMP; ML.NET's "
                + "trainers at their defaults (linear ones after NormalizeMinMax). Test accuracy and scoring on the saved and reloaded "
                + "model. The matmul ceiling is measured twice, on 2048 x 2048 products: libtorch's `matmul` (MKL) and the product the "
                + "library's training step multiplies with (on AMD processors with AVX-512 about twice MKL's rate). Needs `apt-get "
                + "install dataset-fashion-mnist python3-torch libopenblas0-pthread` (without OpenBLAS PyTorch falls back to the "
                + "reference BLAS, 15x slower).",
                ["report", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--threads", t]),
            new("Tabular shapes against PyTorch and LightGbm",
                "Both MLPs [128, 64], ReLU, dropout 0.2, Adam 1e-3, batch 128, 3 epochs, on the same standardized rows; each side at "
                + "its best thread setting; the compute floor is a batch's training FLOPs at the matmul ceiling of the same run (the faster of libtorch's matmul and the library's own product). The "
                + "defaults columns are whole default fits; the scoring columns time the saved and reloaded default models.",
                ["tabular", "--threads", t, "--csv", shuttle, "Class"], File.Exists(shuttle) ? null : shuttle),
            new("Memory of a fit",
                "A default fit (one epoch) on 2,000,000 rows x 50 features streamed from a generator: peak working set against "
                + "the float32 size of the training matrix.",
                ["memory", "--rows", "2000000", "--features", "50", "--epochs", "1"]),
            new("Classification: default options against LightGbm's",
                "Public CSVs (benchmarks/tabular/README.md) through the sample app's featurization, 5-fold CrossValidate with the "
                + "same folds, both at their defaults; s is seconds per fold.",
                ["defaults", "--manifest", manifest], File.Exists(manifest) ? null : manifest),
            new("Regression: default options against LightGbm's and SDCA's",
                "Public regression CSVs (benchmarks/tabular/README.md), numbers imputed by the mean, categories one-hot (SDCA also "
                + "mean-variance normalized), 5-fold CrossValidate with the same folds, each at its defaults.",
                ["regression", "--manifest", regression], File.Exists(regression) ? null : regression),
            new("Meta-test classification: default options against the candidate parts and LightGbm's",
                "The meta-test zoo (benchmarks/tabular/README.md: 27 sets from R packages no default was chosen on), as above, with the "
                + "candidate parts (periodic embeddings, robust scaling) beside the defaults. Targets: mean accuracy at least LightGbm's + 1 point, no set more than 3 "
                + "points below it, a lower mean log-loss, and at most twice LightGbm's time on every set of 10,000 rows or more.",
                ["defaults", "--manifest", metatest, "--candidate"], File.Exists(metatest) ? null : metatest),
            new("Meta-test regression: default options against the candidate parts, LightGbm's and SDCA's",
                "The meta-test zoo's 9 regression sets, as above. Target: mean R² at least LightGbm's.",
                ["regression", "--manifest", metatestRegression, "--candidate"], File.Exists(metatestRegression) ? null : metatestRegression),
            new("Regression: Monte Carlo interval coverage",
                "The regression trainer at its defaults on the same public regression CSVs, 3 seeded 80/20 splits each; the share of "
                + "test labels inside MonteCarloDropout.PredictRegression's 90 % and 95 % intervals (split conformal on the validation "
                + "rows; a coverage too few validation rows cannot promise is refused). Target: mean at least nominal − 1 point.",
                ["coverage", "--manifest", regression, "--seeds", "3"], File.Exists(regression) ? null : regression),
            new("Dropout mask micro-benchmark",
                "BenchmarkDotNet, default job: one inverted-dropout forward on 128 rows of hidden activations at p = 0.2, with a "
                + "128x784 by 784xW matrix product as the yardstick.",
                ["micro"]),
        };
        if (sweep)
        {
            sections.Add(new("A Fashion-MNIST sweep",
                "SMAC with ASHA pruning over dropout, input dropout, learning rate, weight decay, width and depth; trials on 50,000 "
                + "images judged on a stratified 10,000 holdout; the best refit on all 60,000 and scored on the 10,000 test images.",
                ["sweep", "--trials", "24", "--hours", "0.75", "--threads", t]));
        }

        var document = new StringBuilder();
        document.AppendLine("# Benchmark results").AppendLine();
        document.AppendLine(CultureInfo.InvariantCulture, $"Generated on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by one command, from the repository root:").AppendLine();
        document.AppendLine("```").AppendLine($"dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- {arguments}").AppendLine("```").AppendLine();
        document.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineInfo.Describe()}.").AppendLine();
        document.AppendLine("Every table below comes from this one run; figures drift between runs and machines, so compare within a table. "
            + "What the tables showed in earlier runs, and what was changed because of them, is in `NOTES.md`.");
        if (!sweep)
        {
            document.AppendLine().AppendLine("The Fashion-MNIST sweep (about 50 minutes on 2 cores) runs with `--sweep`; its last result is in `NOTES.md`.");
        }

        foreach (var section in sections)
        {
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {section.Title}: {string.Join(' ', section.Command)}");
            document.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {section.Title}").AppendLine();
            document.AppendLine("```").AppendLine($"dotnet run -c Release --project benchmarks/Dropout.MLNet.Benchmarks -- {string.Join(' ', section.Command)}").AppendLine("```").AppendLine();
            document.AppendLine(section.Setup).AppendLine();
            document.AppendLine(section.MissingInput is { } missing
                ? $"Not run: `{missing}` is missing; benchmarks/tabular/README.md makes it."
                : Tables(ChildProcess.RunHarnessText(section.Command)));
        }

        return document.ToString();
    }

    /// <summary>
    /// The part of a command's output meant for the document: all of it, or what follows a "&lt;!-- table --&gt;" line,
    /// without the warnings LightGBM's native library prints to standard output.
    /// </summary>
    private static string Tables(string output)
    {
        const string Marker = "<!-- table -->";
        int at = output.IndexOf(Marker, StringComparison.Ordinal);
        var lines = (at < 0 ? output : output[(at + Marker.Length)..]).Split('\n').Where(line => !line.StartsWith("[LightGBM] ", StringComparison.Ordinal));
        return string.Join('\n', lines).Trim();
    }
}
