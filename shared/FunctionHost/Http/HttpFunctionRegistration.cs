namespace Orbit.FunctionHost.Http;

/// <summary>
/// An HTTP-triggered function as registered: served at <c>/api/{Route}</c> for the given methods, or at
/// <c>Route</c> itself when it starts with a slash (the host's own endpoints, such as the orchestration
/// management API under <c>/runtime/webhooks/durabletask</c>).
/// </summary>
public sealed record HttpFunctionRegistration(
    string FunctionName,
    AuthorizationLevel Level,
    string Route,
    IReadOnlyList<string> Methods,
    Type FunctionType)
{
    public string Path => Route.StartsWith('/') ? Route : $"/api/{Route}";
}
