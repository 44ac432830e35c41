namespace Orbit.Benchmarks;

/// <summary>App settings given on the command line as <c>--setting NAME=VALUE</c>.</summary>
public static class AppSettingArguments
{
    public static IReadOnlyDictionary<string, string?> Parse(IEnumerable<string> arguments)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--setting {argument}: expected NAME=VALUE, e.g. AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval=00:00:00.050.", "--setting");
            }

            settings[argument[..equals]] = argument[(equals + 1)..];
        }

        return settings;
    }
}
