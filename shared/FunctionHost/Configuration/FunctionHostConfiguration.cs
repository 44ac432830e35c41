using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Orbit.FunctionHost.Configuration;

/// <summary>
/// Layers configuration the way the Functions host does: host.json (under
/// <c>AzureFunctionsJobHost</c>), then local.settings.json <c>Values</c>, then whatever the
/// application builder already had (environment variables, command line), which wins.
/// </summary>
public static class FunctionHostConfiguration
{
    public const string HostJsonSection = "AzureFunctionsJobHost";

    public static void AddFunctionHostFiles(this IConfigurationBuilder configuration, string directory)
    {
        var hostJson = Path.Combine(directory, "host.json");
        var localSettings = Path.Combine(directory, "local.settings.json");

        // Inserted at the front so that environment variables and the command line override both files.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LocalSettingsFile.ReadValues(localSettings) });
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = HostJsonFile.Read(hostJson, HostJsonSection) });
    }
}
