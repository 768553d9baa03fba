namespace Dropout.MLNet.Data;

/// <summary>ML.NET's annotation kinds (its own constants are internal).</summary>
internal static class AnnotationKinds
{
    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
}
