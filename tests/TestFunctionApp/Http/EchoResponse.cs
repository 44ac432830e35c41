namespace Orbit.TestFunctionApp.Http;

/// <summary>What an echo function saw of its request.</summary>
public sealed record EchoResponse(
    string Function, string Method, string Path, IReadOnlyDictionary<string, string?> Route, IReadOnlyDictionary<string, string> Query, bool KeyHeader)
{
    public static EchoResponse From(string function, HttpRequest request, IReadOnlyDictionary<string, string?> route) => new(
        function,
        request.Method,
        request.Path.Value ?? string.Empty,
        route,
        request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
        request.Headers.ContainsKey("x-functions-key"));
}
