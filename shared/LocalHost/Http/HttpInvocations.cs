using System.Collections.Concurrent;

namespace Orbit.LocalHost.Http;

/// <summary>
/// Requests handed from the HTTP front to WebJobs by key: WebJobs passes the generated method only what the caller
/// of <c>CallAsync</c> gave it, so the front parks the request here and the method takes it back.
/// </summary>
public sealed class HttpInvocations
{
    private readonly ConcurrentDictionary<string, HttpInvocation> waiting = new();

    public string Park(HttpInvocation invocation)
    {
        var key = Guid.NewGuid().ToString("N");
        waiting[key] = invocation;
        return key;
    }

    public HttpInvocation Take(string key) =>
        waiting.TryRemove(key, out var invocation) ? invocation : throw new InvalidOperationException($"No HTTP request waits under '{key}'.");

    public void Forget(string key) => waiting.TryRemove(key, out _);
}
