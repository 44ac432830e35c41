using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orbit.Quota.Tests.Integration;

/// <summary>Counts the storage requests a client sends, by kind, to check how many round trips an operation takes.</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Method, string Path)> requests = new();
    private int answeredReads;

    public int Transactions => requests.Count(request => request.Method == "POST" && request.Path.EndsWith("/$batch", StringComparison.Ordinal));

    public int Reads => requests.Count(request => request.Method == "GET");

    /// <summary>Every request but the reads: inserts, updates, deletes and transactions.</summary>
    public int Writes => requests.Count(request => request.Method != "GET");

    /// <summary>Reads whose response has come back.</summary>
    public int AnsweredReads => Volatile.Read(ref answeredReads);

    public void Clear()
    {
        requests.Clear();
        Interlocked.Exchange(ref answeredReads, 0);
    }

    public override void OnSendingRequest(HttpMessage message) =>
        requests.Enqueue((message.Request.Method.Method, message.Request.Uri.Path));

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get)
        {
            Interlocked.Increment(ref answeredReads);
        }
    }
}
