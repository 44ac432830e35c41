using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orbit.Quota.Tests.Integration;

/// <summary>Counts the storage requests a client sends, by kind, to check how many round trips an operation takes.</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Method, string Path)> requests = new();

    public int Transactions => requests.Count(request => request.Method == "POST" && request.Path.EndsWith("/$batch", StringComparison.Ordinal));

    public int Reads => requests.Count(request => request.Method == "GET");

    public void Clear() => requests.Clear();

    public override void OnSendingRequest(HttpMessage message) =>
        requests.Enqueue((message.Request.Method.Method, message.Request.Uri.Path));
}
