using Microsoft.AspNetCore.Http;

namespace Orbit.LocalHost.Keys;

/// <summary>Where a caller puts its key: the <c>x-functions-key</c> header, else the <c>code</c> query parameter.</summary>
public static class PresentedKey
{
    public const string HeaderName = "x-functions-key";

    public static string? From(HttpRequest request) =>
        request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header)
            ? header.ToString()
            : request.Query.TryGetValue("code", out var code) ? code.ToString() : null;
}
