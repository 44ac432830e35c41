using Microsoft.AspNetCore.Http;

namespace Orbit.LocalHost.Keys;

/// <summary>
/// Where a caller puts its key: the <c>x-functions-key</c> header or the <c>code</c> query parameter. A caller may send
/// both (a client with its function key in a default header, calling a management URL that carries the system key as
/// <c>code</c>): either one that authorizes will do.
/// </summary>
public static class PresentedKey
{
    public const string HeaderName = "x-functions-key";

    public static IReadOnlyList<string> From(HttpRequest request)
    {
        var keys = new List<string>(2);
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
        {
            keys.Add(header.ToString());
        }

        if (request.Query.TryGetValue("code", out var code) && !string.IsNullOrEmpty(code))
        {
            keys.Add(code.ToString());
        }

        return keys;
    }
}
