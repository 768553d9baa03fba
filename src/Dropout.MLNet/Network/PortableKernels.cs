namespace Dropout.MLNet.Network;

/// <summary>
/// The switch that turns this library's own AVX-512 matrix product off, so that every product of the hand-written
/// training step runs on MKL's (as on a processor without AVX-512, or under <c>DOTNET_EnableAVX512=0</c>): set the
/// environment variable <c>DROPOUT_MLNET_PORTABLE_KERNELS=1</c> or the AppContext switch
/// <c>Dropout.MLNet.PortableKernels</c> (in the application's runtimeconfig, or with <c>AppContext.SetSwitch</c> before
/// the first fit). Read once, at the first product. For comparing the paths, or for a processor whose AVX-512 is
/// suspected; both give the same weights on any number of threads.
/// </summary>
internal static class PortableKernels
{
    /// <summary>The AppContext switch's name.</summary>
    public const string SwitchName = "Dropout.MLNet.PortableKernels";

    /// <summary>The environment variable's name.</summary>
    public const string VariableName = "DROPOUT_MLNET_PORTABLE_KERNELS";

    private static bool? s_forced;

    /// <summary>Whether the portable path is forced for this process.</summary>
    public static bool IsForced => s_forced ??= Read(AppContext.TryGetSwitch(SwitchName, out bool on) ? on : null, Environment.GetEnvironmentVariable(VariableName));

    /// <summary>Forces the portable path on or off until the returned scope is disposed (tests).</summary>
    internal static IDisposable Override(bool forced)
    {
        var before = s_forced;
        s_forced = forced;
        return new Restore(() => s_forced = before);
    }

    /// <summary>Whether the switch's value or the variable's asks for the portable path (the switch wins when set).</summary>
    internal static bool Read(bool? appContextSwitch, string? variable) =>
        appContextSwitch ?? (variable is not null && (variable == "1" || variable.Equals("true", StringComparison.OrdinalIgnoreCase)));

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
