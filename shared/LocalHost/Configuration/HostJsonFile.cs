using Microsoft.Extensions.Configuration;

namespace Orbit.LocalHost.Configuration;

/// <summary>
/// host.json as configuration under <c>AzureFunctionsJobHost</c>, where the Functions host puts it, so that app settings
/// such as <c>AzureFunctionsJobHost__extensions__queues__batchSize</c> override it as they do in Azure.
/// </summary>
public static class HostJsonFile
{
    public const string FileName = "host.json";
    public const string Section = "AzureFunctionsJobHost";

    public static IReadOnlyList<KeyValuePair<string, string?>> Read(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: a Functions app's output holds its host.json (is '{scriptRoot}' the app's build or publish folder?).", path);
        }

        var json = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        return json.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => KeyValuePair.Create($"{Section}:{pair.Key}", pair.Value))
            .ToList();
    }
}
