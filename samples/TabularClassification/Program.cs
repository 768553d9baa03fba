using System.CommandLine;
using TabularClassification;

// A Model Builder-style app: train a dropout MLP on a CSV (the shipped Palmer penguins by default), evaluate it, save
// PenguinsModel.mlnet, load it back and predict one row; with --sweep, first find the dropout rate with a sweep.
var data = new Option<FileInfo?>("--data") { Description = "CSV file with a header row (default: the shipped Palmer penguins)." };
var label = new Option<string>("--label") { Description = "The label column to predict.", DefaultValueFactory = _ => PenguinsModel.LabelColumn };
var dropout = new Option<float?>("--dropout") { Description = "Dropout rate of the hidden layers, in [0, 1) (default: the trainer's, 0.2)." };
var epochs = new Option<int?>("--epochs") { Description = "Largest number of training epochs; early stopping may end sooner (default: the trainer's, 100)." };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for PenguinsModel.mlnet and the PNG pictures.", DefaultValueFactory = _ => new DirectoryInfo("output") };
var sweep = new Option<bool>("--sweep") { Description = "Sweep the dropout rate and the learning rate first, and train with the best." };
var trials = new Option<int>("--sweep-trials") { Description = "Number of sweep trials (the sweep's budget).", DefaultValueFactory = _ => 12 };
var checkpoint = new Option<DirectoryInfo?>("--checkpoint") { Description = "With --sweep: a folder to write every trial to as it ends; run again with the same folder to resume a stopped sweep." };
var ignore = new Option<string[]>("--ignore") { Description = "Columns to leave out of the features, separated by commas (or --ignore repeated).", AllowMultipleArgumentsPerToken = true };
var seed = new Option<int>("--seed") { Description = "Seed of the split, the network and the sweep.", DefaultValueFactory = _ => 0 };

var root = new RootCommand("Trains a dropout-regularized neural network on a CSV with Dropout.MLNet and ML.NET.");
foreach (var option in new Option[] { data, label, dropout, epochs, output, sweep, trials, checkpoint, ignore, seed })
{
    root.Options.Add(option);
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"error: {parsed.Errors[0].Message} (run with --help for the options)");
    return 2;
}

root.SetAction(result =>
{
    var settings = new SampleSettings(result.GetValue(data)?.FullName, result.GetValue(label)!, result.GetValue(dropout), result.GetValue(epochs),
        result.GetValue(output)!.FullName, result.GetValue(sweep), result.GetValue(trials), result.GetValue(seed))
    {
        CheckpointFolder = result.GetValue(checkpoint)?.FullName,
        Ignore = [.. (result.GetValue(ignore) ?? []).SelectMany(names => names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
    };
    try
    {
        SampleRun.Run(settings);
        return 0;
    }
    catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or InvalidOperationException or FormatException)
    {
        // ML.NET wraps what a component's loader threw ("Error during class instantiation"): say the causes too.
        var causes = new List<string> { e.Message };
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            causes.Add($"{inner.GetType().Name}: {inner.Message}");
        }

        Console.Error.WriteLine($"error: {string.Join(" <- ", causes)}");
        return 1;
    }
});
return parsed.Invoke();
