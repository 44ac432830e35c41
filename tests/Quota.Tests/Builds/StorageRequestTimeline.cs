using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// A storage client's requests with when each was sent and answered (<see cref="Stopwatch"/> timestamps); the ones
/// <paramref name="picked"/> picks answer <paramref name="delay"/> late, as on a busy account, or, with
/// <paramref name="failWith"/>, fail with it without being sent.
/// </summary>
internal sealed class StorageRequestTimeline(Func<Request, bool> picked, TimeSpan delay, Exception? failWith = null) : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<StorageRequestSpan> requests = new();

    public IReadOnlyList<StorageRequestSpan> Requests => [.. requests];

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var sent = Stopwatch.GetTimestamp();
        var delayed = picked(message.Request);
        if (delayed && failWith is not null)
        {
            throw failWith;
        }

        await ProcessNextAsync(message, pipeline);
        if (delayed)
        {
            await Task.Delay(delay, message.CancellationToken);
        }

        requests.Enqueue(new StorageRequestSpan(message.Request.Method.Method, message.Request.Uri.ToUri(), sent, Stopwatch.GetTimestamp(), delayed));
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's storage calls are asynchronous.");
}
