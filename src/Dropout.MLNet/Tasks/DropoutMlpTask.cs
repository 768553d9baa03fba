namespace Dropout.MLNet.Tasks;

/// <summary>
/// What a trainer learns, as one concept split by layer: how its label is checked and read (<see cref="Label"/>), the
/// network's outputs and loss (<see cref="Objective"/>), and how ML.NET scores and measures the model
/// (<see cref="Scoring"/>). A new task is its three parts and a catalog entry; nothing else asks which task it is.
/// </summary>
/// <param name="Name">The task's name in messages and in a saved model's training record ("multiclass classification").</param>
/// <param name="Label">The label column: its type, its classes, its rows.</param>
/// <param name="Objective">The network's outputs, the label tensor and the loss.</param>
/// <param name="Scoring">ML.NET's prediction transformer for the task, its scored columns and its metrics.</param>
internal sealed record DropoutMlpTask(string Name, TaskLabel Label, TaskObjective Objective, TaskScoring Scoring)
{
    /// <summary>Softmax over one logit per class; the label is a key.</summary>
    public static DropoutMlpTask Multiclass { get; } = Create("multiclass classification",
        name => new Multiclass.MulticlassLabel(name), new Multiclass.MulticlassObjective(), new Multiclass.MulticlassScoring());

    /// <summary>One logit; the label is Boolean.</summary>
    public static DropoutMlpTask Binary { get; } = Create("binary classification",
        name => new Binary.BinaryLabel(name), new Binary.BinaryObjective(), new Binary.BinaryScoring());

    /// <summary>One output, the label standardized inside the model; the label is Single.</summary>
    /// <param name="loss">The training loss.</param>
    /// <param name="huberDelta">Where the Huber loss turns linear, in standard deviations of the label.</param>
    public static DropoutMlpTask Regression(RegressionLoss loss = RegressionLoss.SquaredError, double huberDelta = 1) => Create("regression",
        name => new Regression.RegressionLabel(name), new Regression.RegressionObjective(loss, huberDelta), new Regression.RegressionScoring());

    /// <summary>The task of a saved model, from the name its training record holds; <see langword="null"/> for a name no task has.</summary>
    public static DropoutMlpTask? Named(string name) => new[] { Multiclass, Binary, Regression() }.FirstOrDefault(t => t.Name == name);

    private static DropoutMlpTask Create(string name, Func<string, TaskLabel> label, TaskObjective objective, TaskScoring scoring) =>
        new(name, label(name), objective, scoring);
}
