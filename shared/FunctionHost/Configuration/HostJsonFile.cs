using Microsoft.Extensions.Configuration;

namespace Orbit.FunctionHost.Configuration;

/// <summary>Reads host.json as configuration keys under a prefix, so app settings such as
/// <c>AzureFunctionsJobHost__extensions__queues__batchSize</c> override it as in Azure Functions.</summary>
internal static class HostJsonFile
{
    public static IReadOnlyList<KeyValuePair<string, string?>> Read(string path, string prefix)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var json = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        return json.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => KeyValuePair.Create($"{prefix}:{pair.Key}", pair.Value))
            .ToList();
    }
}
