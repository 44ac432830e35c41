using Microsoft.AspNetCore.Http;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Http;

/// <summary>An HTTP request waiting for its function's invocation, with the route values the host matched.</summary>
public sealed record HttpInvocation(HttpContext Context, IReadOnlyDictionary<string, string> RouteValues)
{
    /// <summary>
    /// The request as the trigger's input. The worker reads the request itself from the forwarded copy, so the
    /// Functions host sends only the route parameters here.
    /// </summary>
    public TypedData ToRpc()
    {
        var http = new RpcHttp();
        foreach (var (name, value) in RouteValues)
        {
            http.Params[name] = value;
        }

        return new TypedData { Http = http };
    }
}
