using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Orbit.FunctionHost.Hosting;

/// <summary>Resolves <c>%Name%</c> in a trigger's queue name or schedule from configuration, as Azure Functions does.</summary>
public static partial class AppSettingExpression
{
    public static string Resolve(string expression, IConfiguration configuration) =>
        Reference().Replace(expression, match =>
        {
            var name = match.Groups["name"].Value;
            return configuration[name.Replace("__", ":", StringComparison.Ordinal)] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"'{expression}' refers to the app setting '{name}', which is not set.");
        });

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:.-]+)%")]
    private static partial Regex Reference();
}
