using Orbit.LocalHost.Functions;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Http;

/// <summary>An HTTP function's route as its trigger declares it: template (default: the function's name) under the
/// host's route prefix, methods (none named: all), and authorization level (default: function).</summary>
public sealed record HttpTriggerRoute(string Function, string TriggerParameter, string Template, IReadOnlyList<string>? Methods, AuthorizationLevel Level)
{
    public static HttpTriggerRoute From(WorkerFunction function, string routePrefix)
    {
        var trigger = function.Trigger;
        var route = (trigger.Get("route") ?? function.Name).Trim('/');
        var prefix = routePrefix.Trim('/');
        var level = trigger.Get("authLevel") switch
        {
            null => AuthorizationLevel.Function,
            var text when Enum.TryParse<AuthorizationLevel>(text, ignoreCase: true, out var parsed) => parsed,
            var text => throw new InvalidDataException($"Function {function.Name} has authLevel '{text}'; this host knows Anonymous, Function and Admin."),
        };
        var methods = trigger.GetList("methods")?.Select(method => method.ToUpperInvariant()).ToList();
        return new HttpTriggerRoute(function.Name, trigger.Name, prefix.Length == 0 ? route : $"{prefix}/{route}", methods is { Count: > 0 } ? methods : null, level);
    }
}
