using System.Text.RegularExpressions;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Api;

/// <summary>One HTTP route the app declares: method, path (as OpenAPI writes it) and authorization level.</summary>
public sealed record DeclaredRoute(string Method, string Path, string Level);

/// <summary>
/// The HTTP routes the app declares, read from where it declares them: functions/Program.cs (<c>.Http&lt;…&gt;("Name",
/// AuthorizationLevel.X, "route", "METHOD")</c>, under <c>/api/</c>) and the orchestration runtime's management routes
/// (ManagementRoutes constants). The only source of routes for the OpenAPI coverage test: once the app is an
/// isolated-worker app, this becomes a reader of the published functions.metadata (each HTTP trigger's route, methods
/// and authLevel), and nothing else changes.
/// </summary>
public static partial class DeclaredRoutes
{
    public static IReadOnlyList<DeclaredRoute> Read()
    {
        var program = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "Program.cs"));
        // A catch-all parameter ({*repository}) is an ordinary path parameter to OpenAPI, documented as taking '/'.
        var routes = AppRoute().Matches(program)
            .Select(m => new DeclaredRoute(m.Groups["method"].Value, "/api/" + m.Groups["route"].Value.Replace("{*", "{", StringComparison.Ordinal), m.Groups["level"].Value))
            .ToList();

        var orchestrations = Path.Combine(RepositoryPaths.Root, "shared", "Orchestrations");
        var constants = ReadConstants(File.ReadAllText(Path.Combine(orchestrations, "Http", "ManagementRoutes.cs")));
        var registrations = File.ReadAllText(Path.Combine(orchestrations, "OrchestrationFunctionRegistryExtensions.cs"));
        foreach (Match match in ManagementRoute().Matches(registrations))
        {
            var path = constants[match.Groups["constant"].Value];
            var method = match.Groups["method"].Value;
            var level = match.Groups["level"].Value;

            // An optional last segment ({instanceId?}) is two paths in OpenAPI: without it and with it.
            if (OptionalSegment().Match(path) is { Success: true } optional)
            {
                routes.Add(new DeclaredRoute(method, path[..optional.Index], level));
                routes.Add(new DeclaredRoute(method, path[..optional.Index] + "/{" + optional.Groups["name"].Value + "}", level));
            }
            else
            {
                routes.Add(new DeclaredRoute(method, path, level));
            }
        }

        return routes;
    }

    /// <summary><c>public const string X = Y + "/literal";</c>: each constant's value, from literals and the constants before it.</summary>
    private static Dictionary<string, string> ReadConstants(string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match constant in Constant().Matches(source))
        {
            values[constant.Groups["name"].Value] = string.Concat(constant.Groups["value"].Value.Split('+').Select(part => part.Trim()).Select(part =>
                part.StartsWith('"') ? part.Trim('"') : values[part]));
        }

        return values;
    }

    [GeneratedRegex("""\.Http<\w+>\("\w+",\s*AuthorizationLevel\.(?<level>\w+),\s*"(?<route>[^"]+)",\s*"(?<method>\w+)"\)""")]
    private static partial Regex AppRoute();

    [GeneratedRegex("""\.Http<\w+>\("\w+",\s*AuthorizationLevel\.(?<level>\w+),\s*ManagementRoutes\.(?<constant>\w+),\s*"(?<method>\w+)"\)""")]
    private static partial Regex ManagementRoute();

    [GeneratedRegex("""public const string (?<name>\w+) = (?<value>[^;]+);""")]
    private static partial Regex Constant();

    [GeneratedRegex("""/\{(?<name>\w+)\?\}$""")]
    private static partial Regex OptionalSegment();
}
