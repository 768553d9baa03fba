namespace Dropout.MLNet.Tasks;

/// <summary>The names of the columns a DropoutMlp model adds, as ML.NET's trainers name them.</summary>
internal static class DefaultColumnNames
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";
    public const string Probability = "Probability";
}
