using System.Globalization;
using System.Text.Json;
using Dropout.MLNet.Tests.Infrastructure;
using Microsoft.ML;

namespace Dropout.MLNet.Tests;

/// <summary>The sample app runs end to end, as a user runs it, with small settings; its outputs are real files.</summary>
[TestClass]
public sealed class SampleAppTests
{
    private string _output = null!;

    [TestInitialize]
    public void CreateOutputFolder() => _output = Directory.CreateTempSubdirectory("dropout-sample-").FullName;

    [TestCleanup]
    public void DeleteOutputFolder() => Directory.Delete(_output, recursive: true);

    [TestMethod]
    public void OnThePenguins_TrainsEvaluatesSavesReloadsAndDraws()
    {
        var output = SiblingProcess.Run("samples/TabularClassification", "--epochs", 60, "--output", _output);

        var metrics = output.Single(line => line.StartsWith("Test micro accuracy ", StringComparison.Ordinal));
        double accuracy = double.Parse(metrics.Split(' ')[3].TrimEnd(','), CultureInfo.InvariantCulture);
        Assert.IsGreaterThanOrEqualTo(0.9, accuracy, metrics);
        Assert.IsTrue(output.Any(line => line.StartsWith("epoch   1 ", StringComparison.Ordinal)), "progress is shown per epoch");
        StringAssert.Contains(output.Single(line => line.StartsWith("Saved ", StringComparison.Ordinal)), "the loaded model predicts");

        var mlContext = new MLContext(seed: 0);
        var model = mlContext.Model.Load(Path.Combine(_output, "PenguinsModel.mlnet"), out var schema);
        Assert.IsNotNull(schema.GetColumnOrNull("species"), "the saved model's input schema is the CSV's");
        Assert.AreEqual(0, model.FindDropoutMlp().Model.ClassNames.Except(["Adelie", "Chinstrap", "Gentoo"]).Count());
        AssertPng(Path.Combine(_output, "learning-curves.png"));
        int importance = output.ToList().FindIndex(line => line.StartsWith("Feature importance", StringComparison.Ordinal));
        var columns = output.Skip(importance + 1).Take(6).Select(line => line.Trim().Split(' ')[0]).ToArray();
        CollectionAssert.AreEquivalent(new[] { "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex" }, columns);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "PenguinsModel.mbconfig")));
        Assert.AreEqual(accuracy, record.RootElement.GetProperty("TestMetrics").GetProperty("MicroAccuracy").GetDouble(), 1e-4);
    }

    [TestMethod]
    public void WithSweep_PrintsTheTrialTable_AndDrawsTheMetricAgainstTheDropoutRate()
    {
        var output = SiblingProcess.Run("samples/TabularClassification", "--sweep", "--sweep-trials", 4, "--epochs", 15, "--output", _output);

        Assert.HasCount(4, output.Where(line => line.StartsWith("  trial ", StringComparison.Ordinal)).ToArray(), "one line per trial");
        Assert.IsTrue(output.Any(line => line.StartsWith("Best: DropoutRate=", StringComparison.Ordinal)));
        AssertPng(Path.Combine(_output, "sweep-DropoutRate.png"));
        AssertPng(Path.Combine(_output, "sweep-LearningRate.png"));
        int completed = File.ReadAllLines(Path.Combine(_output, "trials.csv")).Count(line => line.Split(',')[1] == "Completed");
        StringAssert.Contains(output.Single(line => line.StartsWith("Hyperparameter importance: ", StringComparison.Ordinal)),
            completed >= 4 ? "DropoutRate" : "needs at least 4 completed trials");
        Assert.HasCount(5, File.ReadAllLines(Path.Combine(_output, "trials.csv")), "a header and four trials");
        Assert.IsTrue(File.Exists(Path.Combine(_output, "PenguinsModel.mlnet")));
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "PenguinsModel.mbconfig")));
        var sweep = record.RootElement.GetProperty("Sweep");
        Assert.AreEqual(4, sweep.GetProperty("Trials").GetArrayLength());
        var best = sweep.GetProperty("Trials")[sweep.GetProperty("BestTrial").GetInt32()].GetProperty("Parameters");
        Assert.AreEqual(best.GetProperty("DropoutRate").GetDouble(), record.RootElement.GetProperty("Options").GetProperty("DropoutRate").GetDouble(), 1e-6,
            "the model was trained with the best trial's dropout rate");
    }

    [TestMethod]
    public void ASweepKilledMidRun_ResumesFromItsCheckpoint_ToTheUninterruptedSweepsTrials()
    {
        object[] Arguments(string name) =>
            ["--sweep", "--sweep-trials", 6, "--epochs", 15, "--checkpoint", Path.Combine(_output, name, "checkpoint"), "--output", Path.Combine(_output, name)];
        SiblingProcess.Run("samples/TabularClassification", Arguments("whole"));
        var checkpoint = Path.Combine(_output, "killed", "checkpoint", "trials.jsonl");
        // The killed run's scratch folder cannot be removed by it: it lives in this test's folder, deleted after the test.
        var temporary = Directory.CreateDirectory(Path.Combine(_output, "killed-tmp")).FullName;
        using (var process = SiblingProcess.Start("samples/TabularClassification", temporary, Arguments("killed")))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && (!File.Exists(checkpoint) || File.ReadAllLines(checkpoint).Length < 2) && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(20);
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        int written = File.ReadAllLines(checkpoint).Length;
        SiblingProcess.Run("samples/TabularClassification", Arguments("killed"));

        Assert.IsLessThan(6, written, "killed before the sweep's end");
        CollectionAssert.AreEqual(TrialRows(Path.Combine(_output, "whole")), TrialRows(Path.Combine(_output, "killed")));
    }

    /// <summary>The trial table without its time column.</summary>
    private static string[] TrialRows(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "trials.csv")).Select(line => string.Join(',', line.Split(',').Where((_, i) => i != 5)))];

    [TestMethod]
    public void AnotherCsv_WithItsLabelColumn_IsInferredAndTrained()
    {
        var csv = Path.Combine(_output, "rings.csv");
        File.WriteAllLines(csv, ["x,y,colour,ring", .. SyntheticData.Rings(240, seed: 3).Select((r, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Features[0]},{r.Features[1]},{(i % 2 == 0 ? "red" : "NA")},{(i % 40 == 7 ? "NA" : r.Class)}"))]);

        var output = SiblingProcess.Run("samples/TabularClassification", "--data", csv, "--label", "ring", "--epochs", 30, "--output", _output);

        StringAssert.Contains(output[0], "label ring, 2 numeric and 1 categorical features; 6 rows without a label left out");
        Assert.IsTrue(output.Any(line => line.StartsWith("Test micro accuracy ", StringComparison.Ordinal)));
        Assert.IsFalse(output.Any(line => line.Contains("NA ||", StringComparison.Ordinal)), "a missing label is not a class of the confusion table");
        Assert.HasCount(3, output.Where(line => line.StartsWith("  ", StringComparison.Ordinal) && line.EndsWith('%')).ToArray(), "three classes with probabilities");
    }

    [TestMethod]
    public void AFileOfMostlyUnlabeledRows_TrainsOnTheLabeledOnes_WarnsOfTheSmallTestSplit_AndShowsAPredictionForALabeledRow()
    {
        var csv = Path.Combine(_output, "few.csv");
        File.WriteAllLines(csv, ["x,y,ring", .. SyntheticData.Rings(400, seed: 13).Select((r, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Features[0]},{r.Features[1]},{(i % 10 == 0 ? r.Class : "")}"))]);

        var (exitCode, stdout, error) = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", csv, "--label", "ring", "--epochs", 5, "--output", _output);

        Assert.AreEqual(0, exitCode, error);
        var output = stdout.Split('\n');
        StringAssert.Contains(output[0], "; 360 rows without a label left out");
        StringAssert.Contains(error, "warning: the test split holds ", "a few labelled test rows measure little");
        var shown = output.Single(line => line.StartsWith("Saved ", StringComparison.Ordinal));
        Assert.IsTrue(new[] { "inner", "middle", "outer" }.Any(ring => shown.EndsWith($"ring is '{ring}':", StringComparison.Ordinal)), shown);
    }

    [TestMethod]
    public void ACsvAsPandasWritesIt_IsRead_WithIndexIdsAndNamesIgnored_AndManyCategoriesCapped()
    {
        var csv = Path.Combine(_output, "customers.csv");
        // An unnamed first column of shuffled row labels (as pandas writes its index), quoted names with commas and
        // quotes, text ids, and 300 shops.
        File.WriteAllLines(csv, [",name,id,x,y,shop,ring", .. SyntheticData.Rings(400, seed: 5).Select((r, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{i * 7919 % 400},\"Doe{i}, \"\"Jo\"\"\",c-{i:D5},{r.Features[0]},{r.Features[1]},s{i % 300},{r.Class}"))]);

        var output = SiblingProcess.Run("samples/TabularClassification", "--data", csv, "--label", "ring", "--epochs", 5, "--output", _output);

        StringAssert.Contains(output[0], "label ring, 2 numeric and 1 categorical features; ignored Column1, name, id (");
        Assert.IsTrue(output.Any(line => line.StartsWith("Test micro accuracy ", StringComparison.Ordinal)));
        var importance = output.SkipWhile(line => !line.StartsWith("Feature importance", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal)).Select(line => line.Trim().Split(' ')[0]).ToArray();
        CollectionAssert.AreEquivalent(new[] { "x", "y", "shop" }, importance, "300 shops in at most 256 named slots, one importance for the column");
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "PenguinsModel.mbconfig")));
        CollectionAssert.AreEqual(new[] { "Column1", "name", "id" },
            record.RootElement.GetProperty("Columns").GetProperty("Ignored").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [TestMethod]
    public void ACsvFromAEuropeanSpreadsheet_WithSemicolonsAndDecimalCommas_TrainsAsTheSameDataWithCommas()
    {
        var rows = SyntheticData.Rings(300, seed: 6).Select((r, i) => (X: r.Features[0], Y: r.Features[1], Colour: i % 3 == 0 ? "red" : "blue", r.Class)).ToArray();
        var comma = Path.Combine(_output, "rings.csv");
        var semicolon = Path.Combine(_output, "rings-eu.csv");
        File.WriteAllLines(comma, ["x,y,colour,ring", .. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.X},{r.Y},{r.Colour},{r.Class}"))]);
        File.WriteAllLines(semicolon, ["\"x\";\"y\";\"colour\";\"ring\"", .. rows.Select(r => $"{DecimalComma(r.X)};{DecimalComma(r.Y)};\"{r.Colour}\";\"{r.Class}\"")]);

        var fromComma = SiblingProcess.Run("samples/TabularClassification", "--data", comma, "--label", "ring", "--epochs", 5, "--output", Path.Combine(_output, "comma"));
        var fromSemicolon = SiblingProcess.Run("samples/TabularClassification", "--data", semicolon, "--label", "ring", "--epochs", 5, "--output", Path.Combine(_output, "semicolon"));

        StringAssert.Contains(fromSemicolon[0], "label ring, 2 numeric and 1 categorical features");
        Assert.AreEqual(fromComma.Single(l => l.StartsWith("Test micro accuracy", StringComparison.Ordinal)),
            fromSemicolon.Single(l => l.StartsWith("Test micro accuracy", StringComparison.Ordinal)), "the same numbers, read with a decimal comma");
    }

    [TestMethod]
    public void ACsvWithAColumnThatGivesTheLabelAway_AndARareClass_IsTrainedWithWarnings_AndIgnoreLeavesTheColumnOut()
    {
        var csv = Path.Combine(_output, "rings.csv");
        // "seq" numbers the rows of a table some rows were taken out of; "note" names the ring, or is empty for the inner
        // one (as a cause of death is written only for those who died); three rows of a fourth, rare class.
        var rows = SyntheticData.Rings(300, seed: 8).Select(r => (r.Features, r.Class))
            .Concat(SyntheticData.Rings(3, seed: 9).Select(r => (r.Features, Class: "rare")));
        File.WriteAllLines(csv, ["seq,x,y,note,ring", .. rows.Select((r, i) => string.Create(CultureInfo.InvariantCulture,
            $"{(i * 3 / 2) + 1},{r.Features[0]},{r.Features[1]},{Note(r.Class)},{r.Class}"))]);

        var warned = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", csv, "--label", "ring", "--epochs", 3, "--output", _output);
        var ignored = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", csv, "--label", "ring", "--epochs", 3, "--output", _output, "--ignore", "note");

        Assert.AreEqual(0, warned.ExitCode, warned.Error);
        StringAssert.Contains(warned.Output, "label ring, 2 numeric and 1 categorical features; ignored seq (");
        StringAssert.Contains(warned.Error, "warning: column 'note' alone tells 'ring'");
        StringAssert.Contains(warned.Error, "--ignore note");
        StringAssert.Contains(warned.Error, "warning: 1 of the 4 classes of 'ring' has fewer than 10 rows: 'rare' (3 rows).");
        Assert.AreEqual(0, ignored.ExitCode, ignored.Error);
        StringAssert.Contains(ignored.Output, "label ring, 2 numeric and 0 categorical features; ignored seq (identifiers: row numbers, an unnamed index, or a different value in almost every row); left out note (--ignore)");
        Assert.IsFalse(ignored.Error.Contains("alone tells", StringComparison.Ordinal), ignored.Error);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "PenguinsModel.mbconfig")));
        CollectionAssert.AreEqual(new[] { "note" }, record.RootElement.GetProperty("Columns").GetProperty("LeftOut").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [TestMethod]
    public void ACsvAsExcelWritesIt_WithEmptyNumbers_CommentsOverSeveralLines_DollarPrices_AndBlankLines_IsReadAsItMeans()
    {
        var csv = Path.Combine(_output, "visits.csv");
        // A visit is "gone" exactly where its x is empty; otherwise z's sign tells "in" from "out". An empty number read
        // as 0 (the loader's default) or replaced by the mean without saying where is lost among the present x near 0.
        var random = new Random(11);
        string[] comments = ["fine", "\"said:\nlater\"", "\"a, b\""];
        string[] prices = ["\"$1,000\"", "$10", "\"$2,500.50\""];
        var lines = Enumerable.Range(0, 600).Select(i =>
        {
            double x = random.NextDouble() - 0.5, z = random.NextDouble() - 0.5;
            string visit = i % 3 == 0 ? "gone" : z > 0 ? "in" : "out";
            return string.Create(CultureInfo.InvariantCulture, $"{(visit == "gone" ? "" : x)},{z},{comments[random.Next(3)]},{prices[random.Next(3)]},{visit}");
        }).ToList();
        // A blank line inside and two at the end, which ML.NET's loader skips, and rows ended with a comma.
        lines.Insert(300, "");
        lines = [.. lines.Select((line, i) => i > 400 ? line + "," : line)];
        File.WriteAllLines(csv, ["x,z,comment,price,visit", .. lines, "", ""]);

        var (exitCode, output, error) = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", csv, "--label", "visit", "--epochs", 40, "--output", _output);

        Assert.AreEqual(0, exitCode, error);
        StringAssert.Contains(output, "label visit, 2 numeric and 2 categorical features");
        StringAssert.Contains(error, "warning: column 'price' holds numbers written with currency or percent signs or thousands separators ('$");
        var accuracy = double.Parse(output.Split('\n').Single(l => l.StartsWith("Test micro accuracy ", StringComparison.Ordinal)).Split(' ')[3].TrimEnd(','), CultureInfo.InvariantCulture);
        Assert.IsGreaterThan(0.9, accuracy, "where x is missing tells the visits gone");
    }

    [TestMethod]
    public void InchMarksInsideFields_AreReadAsTheLoaderReadsThem_AndAQuoteNeverClosed_IsRefusedNamingWhereItOpened()
    {
        // 12" pizza: a quote inside an unquoted field is a character, as RFC 4180 and ML.NET's loader read it; counting
        // quotes per line took it for an open quoted field and swallowed the rows after it.
        var csv = Path.Combine(_output, "pizza.csv");
        var rows = SyntheticData.Rings(300, seed: 13).Select((r, i) => string.Create(CultureInfo.InvariantCulture,
            $"{r.Features[0]},{r.Features[1]},{(i % 2 == 0 ? "12\" pizza" : "9\" sub")},{r.Class}"));
        File.WriteAllLines(csv, ["x,y,order,ring", .. rows]);

        var output = SiblingProcess.Run("samples/TabularClassification", "--data", csv, "--label", "ring", "--epochs", 3, "--output", _output);

        StringAssert.Contains(output[0], "2 numeric and 1 categorical features");
        Assert.IsTrue(output.Any(line => line.StartsWith("Test micro accuracy ", StringComparison.Ordinal)), "every row read as four fields");

        var broken = Path.Combine(_output, "broken.csv");
        File.WriteAllLines(broken, ["x,y,order,ring", "1,2,\"open and never closed,inner", .. Enumerable.Repeat("1,2,plain,outer", CsvFieldsLimit + 5)]);
        var (exitCode, _, error) = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", broken, "--label", "ring", "--output", _output);

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "A quoted field that starts with \"1,2,\"open and never closed,inner\" is not closed within");
    }

    [TestMethod]
    public void AHundredMegabyteFileOfOneLine_IsRefused_WithAShortMessage()
    {
        var csv = Path.Combine(_output, "oneline.csv");
        using (var writer = new StreamWriter(csv))
        {
            for (int i = 0; i < 10_000_000; i++)
            {
                writer.Write(i % 2 == 0 ? "abcdefghi," : "123456789,");
            }
        }

        var (exitCode, _, error) = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", csv, "--label", "ring", "--output", _output);

        Assert.AreEqual(1, exitCode, error);
        StringAssert.Contains(error, "has no column 'ring'; its columns are abcdefghi, 123456789, abcdefghi.1");
        StringAssert.Contains(error, "and 9999971 more. Pass --label");
        Assert.IsLessThan(2_000, error.Length, "the message does not list ten million columns");
    }

    /// <summary>The sample's CsvFields.MaximumRecordLines: the most lines a quoted field may run over.</summary>
    private const int CsvFieldsLimit = 10_000;

    [TestMethod]
    public void FeatureColumnsNamedLabelFeaturesAndScore_AreTrainedAsFeatures_NotMistakenForThePipelinesColumns()
    {
        var csv = Path.Combine(_output, "names.csv");
        File.WriteAllLines(csv, ["Label,Features,Score,ring", .. SyntheticData.Rings(300, seed: 12).Select((r, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? "red" : "blue")},{r.Features[0]},{r.Features[1]},{r.Class}"))]);

        var output = SiblingProcess.Run("samples/TabularClassification", "--data", csv, "--label", "ring", "--epochs", 3, "--output", _output);

        StringAssert.Contains(output[0], "label ring, 2 numeric and 1 categorical features");
        var importance = output.SkipWhile(line => !line.StartsWith("Feature importance", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal)).Select(line => line.Trim().Split(' ')[0]).ToArray();
        CollectionAssert.AreEquivalent(new[] { "Label", "Features", "Score" }, importance);
    }

    [TestMethod]
    public void ATwoClassLabel_GetsTheAreaUnderTheRocCurve_BesideTheAccuracy()
    {
        var csv = Path.Combine(_output, "xor.csv");
        File.WriteAllLines(csv, ["a,b,c,d,answer", .. SyntheticData.Xor(400, seed: 4).Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Features[0]},{r.Features[1]},{r.Features[2]},{r.Features[3]},{(r.Label ? "yes" : "no")}"))]);

        var output = SiblingProcess.Run("samples/TabularClassification", "--data", csv, "--label", "answer", "--epochs", 30, "--output", _output);

        var metrics = output.Single(line => line.StartsWith("Test micro accuracy ", StringComparison.Ordinal));
        StringAssert.EndsWith(metrics, "('yes' against 'no')");
        double auc = double.Parse(metrics.Split("AUC ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.IsTrue(auc is > 0.8 and <= 1, metrics);
    }

    [TestMethod]
    public void ALabelOfOneValue_GetsOneClearLine_NamingTheColumn()
    {
        var csv = Path.Combine(_output, "one.csv");
        File.WriteAllLines(csv, ["x,y,ring", .. SyntheticData.Rings(50, seed: 2).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Features[0]},{r.Features[1]},inner"))]);

        var (exitCode, _, error) = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", csv, "--label", "ring", "--output", _output);

        Assert.AreEqual(1, exitCode);
        StringAssert.StartsWith(error, "error: ");
        StringAssert.Contains(error, "column 'ring' has the one value 'inner'");
    }

    [TestMethod]
    [DataRow("--dropout", "1.5", "DropoutRate")]
    [DataRow("--epochs", "many", "many")]
    [DataRow("--label", "colour", "no column 'colour'")]
    [DataRow("--data", "missing.csv", "does not exist")]
    [DataRow("--ignore", "colour", "--ignore names 'colour', which is not a column of the shipped penguins")]
    [DataRow("--ignore", "species", "--ignore names the label 'species'")]
    public void BadArguments_GetOneClearLine(string option, string value, string expected)
    {
        var (exitCode, output, error) = SiblingProcess.RunUnchecked("samples/TabularClassification", option, value, "--output", _output);

        Assert.AreNotEqual(0, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, error);
        StringAssert.StartsWith(lines[0], "error: ");
        StringAssert.Contains(lines[0], expected);
        Assert.IsFalse(output.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    [DataRow(",")]
    [DataRow(";")]
    public void ALabelOfManyNumbers_IsTrained_WithAWarningThatItLooksLikeRegression(string separator)
    {
        // With semicolons, the numbers are written with decimal commas, as a European spreadsheet writes them.
        var csv = Path.Combine(_output, "prices.csv");
        File.WriteAllLines(csv, [string.Join(separator, "size", "rooms", "price"), .. RegressionData.Smooth(200, seed: 4).Select(r =>
            string.Join(separator, new[] { r.Features[0], r.Features[1], MathF.Round(r.Label, 2) }.Select(v => separator == "," ? v.ToString(CultureInfo.InvariantCulture) : DecimalComma(v))))]);

        var (exitCode, output, error) = SiblingProcess.RunUnchecked("samples/TabularClassification", "--data", csv, "--label", "price", "--epochs", 2, "--output", _output);

        Assert.AreEqual(0, exitCode, error);
        StringAssert.Contains(error, "warning: label 'price' holds 200 distinct numbers");
        StringAssert.Contains(error, "mlContext.Regression.Trainers.DropoutMlp");
        StringAssert.Contains(output, "Test micro accuracy ");
    }

    [TestMethod]
    public void Help_ListsTheOptions()
    {
        var output = string.Join('\n', SiblingProcess.Run("samples/TabularClassification", "--help"));

        foreach (var option in new[] { "--data", "--label", "--dropout", "--epochs", "--output", "--sweep", "--sweep-trials", "--ignore", "--seed" })
        {
            StringAssert.Contains(output, option);
        }
    }

    private static string Note(string ring) => ring switch { "inner" => "", "middle" => "m", "outer" => "o", _ => "r" };

    private static string DecimalComma(float value) => value.ToString(CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>A PNG file: the signature, then an IHDR chunk with a non-zero width and height.</summary>
    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8], path);
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        Assert.IsTrue(width > 100 && height > 100, $"{path} is {width}x{height}");
        Assert.IsGreaterThan(10_000, bytes.Length, "a drawn picture, not an empty canvas");
    }
}
