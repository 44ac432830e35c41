namespace Orbit.FunctionHost.Http;

/// <summary>An HTTP-triggered function as registered: served at <c>/api/{Route}</c> for the given methods.</summary>
public sealed record HttpFunctionRegistration(
    string FunctionName,
    AuthorizationLevel Level,
    string Route,
    IReadOnlyList<string> Methods,
    Type FunctionType);
