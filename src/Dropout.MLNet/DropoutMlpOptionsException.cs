namespace Dropout.MLNet;

/// <summary>The options of a DropoutMlp trainer are invalid: every problem found, each naming its option.</summary>
public sealed class DropoutMlpOptionsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="optionsName">The options type's name, as "DropoutMlpMulticlassTrainer.Options".</param>
    /// <param name="problems">Each problem, naming its option and what to do.</param>
    public DropoutMlpOptionsException(string optionsName, IReadOnlyList<string> problems)
        : base($"Invalid {optionsName}: " + string.Join(" ", problems), "options")
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming its option and what to do.</summary>
    public IReadOnlyList<string> Problems { get; }
}
