using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Orbit.Functions.Hosting;

/// <summary>
/// The app's host.json, published beside it, as configuration under <c>AzureFunctionsJobHost</c>, where the Functions
/// host reads it, so the app sees the trigger settings the host applies (with the same app-setting overrides).
/// </summary>
public static class HostJsonConfiguration
{
    public const string Section = "AzureFunctionsJobHost";

    public static IConfigurationBuilder AddHostJson(this IConfigurationBuilder configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(path))
        {
            return configuration;
        }

        var hostJson = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        var values = hostJson.AsEnumerable().Where(pair => pair.Value is not null).Select(pair => KeyValuePair.Create($"{Section}:{pair.Key}", pair.Value));

        // Underneath everything else, so app settings such as AzureFunctionsJobHost__extensions__queues__maxDequeueCount win.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        return configuration;
    }
}
