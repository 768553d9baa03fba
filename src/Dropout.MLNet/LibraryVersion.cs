using System.Reflection;

namespace Dropout.MLNet;

/// <summary>The version of this library, as recorded in every exported model.</summary>
internal static class LibraryVersion
{
    public static string Value { get; } =
        typeof(LibraryVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(LibraryVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
