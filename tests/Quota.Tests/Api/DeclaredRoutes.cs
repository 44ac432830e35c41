using System.Text.Json.Nodes;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Api;

/// <summary>One HTTP route the app declares: method, path (as OpenAPI writes it) and authorization level.</summary>
public sealed record DeclaredRoute(string Method, string Path, string Level);

/// <summary>
/// The HTTP routes the app declares, read from where Azure Functions reads them: the app's functions.metadata (each HTTP
/// trigger's route, methods and authLevel, under <c>/api/</c>), and the Durable management routes the app's contract
/// hands out (a build's start returns their URLs), which the Durable extension serves with the master or system key.
/// The only source of routes for the OpenAPI coverage test.
/// </summary>
public static class DeclaredRoutes
{
    public const string SystemLevel = "System";

    private const string Durable = "/runtime/webhooks/durabletask";

    private static readonly DeclaredRoute[] ManagementRoutes =
    [
        new("POST", $"{Durable}/orchestrators/{{functionName}}", SystemLevel),
        new("POST", $"{Durable}/orchestrators/{{functionName}}/{{instanceId}}", SystemLevel),
        new("GET", $"{Durable}/instances", SystemLevel),
        new("GET", $"{Durable}/instances/{{instanceId}}", SystemLevel),
        new("DELETE", $"{Durable}/instances/{{instanceId}}", SystemLevel),
        new("POST", $"{Durable}/instances/{{instanceId}}/raiseEvent/{{eventName}}", SystemLevel),
        new("POST", $"{Durable}/instances/{{instanceId}}/terminate", SystemLevel),
        new("POST", $"{Durable}/instances/{{instanceId}}/suspend", SystemLevel),
        new("POST", $"{Durable}/instances/{{instanceId}}/resume", SystemLevel),
    ];

    public static IReadOnlyList<DeclaredRoute> Read()
    {
        var functions = JsonNode.Parse(File.ReadAllText(Path.Combine(AppPaths.FunctionsScriptRoot, "functions.metadata")))!.AsArray();
        var routes = new List<DeclaredRoute>();
        foreach (var function in functions)
        {
            foreach (var binding in function!["bindings"]!.AsArray().Where(binding => (string?)binding!["type"] == "httpTrigger"))
            {
                // A catch-all parameter ({*repository}) is an ordinary path parameter to OpenAPI, documented as taking '/'.
                var route = ((string?)binding!["route"] ?? (string)function["name"]!).Replace("{*", "{", StringComparison.Ordinal);
                foreach (var method in binding["methods"]!.AsArray())
                {
                    routes.Add(new DeclaredRoute(((string)method!).ToUpperInvariant(), "/api/" + route, (string)binding["authLevel"]!));
                }
            }
        }

        return [.. routes, .. ManagementRoutes];
    }
}
