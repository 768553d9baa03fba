namespace Dropout.MLNet.Orleans;

/// <summary>Names shared by the silos, the workers and the sweep's client.</summary>
public static class DropoutMlpStudies
{
    /// <summary>
    /// The grain storage the study grains persist to: register a storage provider of this name on every silo
    /// (<c>siloBuilder.AddAdoNetGrainStorage(DropoutMlpStudies.StorageName, ...)</c> in production,
    /// <c>AddMemoryGrainStorage</c> to try it on one machine).
    /// </summary>
    public const string StorageName = "DropoutMlpStudies";
}
