using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Orbit.LocalHost.Configuration;

/// <summary>
/// The settings of one run, layered as Core Tools layers them: host.json (under <c>AzureFunctionsJobHost</c>), then the
/// <c>Values</c> of local.settings.json, then the environment, which wins (Core Tools does not overwrite a variable that is set).
/// The worker gets the same app settings as its environment, except the host's keys: it never needs them.
/// </summary>
public sealed class HostSettings
{
    // Names that describe Azure's own platform: set on a machine that is not Azure (as in some sandboxes), they would
    // make the Durable extension believe it runs on Linux Consumption and write its telemetry to the console.
    private static readonly string[] PlatformVariables = ["CONTAINER_NAME", "WEBSITE_INSTANCE_ID", "WEBSITE_SKU"];

    private HostSettings(IConfiguration configuration, IReadOnlyDictionary<string, string> appSettings)
    {
        Configuration = configuration;
        AppSettings = appSettings;
    }

    /// <summary>Everything the host reads: host.json, app settings, the environment.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The app settings (environment variable names and values) the worker process is started with.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>
    /// The extensions read some settings from the process environment themselves (the Durable extension its worker
    /// runtime and platform): make the process environment say what the settings say.
    /// </summary>
    public static void ApplyToProcess(HostSettings settings)
    {
        foreach (var name in PlatformVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME", settings.Configuration["FUNCTIONS_WORKER_RUNTIME"]);
    }

    public static HostSettings Load(string scriptRoot, IDictionary environment)
    {
        var appSettings = new Dictionary<string, string>(LocalSettingsFile.ReadValues(scriptRoot), StringComparer.Ordinal);
        foreach (DictionaryEntry variable in environment)
        {
            appSettings[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
        }

        foreach (var name in PlatformVariables)
        {
            appSettings.Remove(name);
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(HostJsonFile.Read(scriptRoot))
            .AddInMemoryCollection(appSettings.Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // WebJobs reads its extensions' options under this section, as the Functions host configures it.
                ["AzureWebJobsConfigurationSection"] = HostJsonFile.Section,
                ["FUNCTIONS_WORKER_RUNTIME"] = appSettings.GetValueOrDefault("FUNCTIONS_WORKER_RUNTIME") ?? "dotnet-isolated",
            })
            .Build();

        var workerSettings = appSettings
            .Where(setting => !setting.Key.StartsWith("Keys__", StringComparison.OrdinalIgnoreCase) && !setting.Key.StartsWith("Keys:", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(setting => setting.Key, setting => setting.Value, StringComparer.Ordinal);
        return new HostSettings(configuration, workerSettings);
    }
}
