namespace Dropout.MLNet.Data;

/// <summary>ML.NET's annotation kinds (its own constants are internal).</summary>
internal static class AnnotationKinds
{
    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
    public const string ScoreColumnSetId = "ScoreColumnSetId";
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string IsNormalized = "IsNormalized";
    public const string TrainingLabelValues = "TrainingLabelValues";
}
