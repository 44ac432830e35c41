using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// A storage account whose entity-group transactions (the untrack commits) answer <paramref name="delay"/> late once
/// <see cref="Enabled"/>, as a busy account's do; everything else at its own pace. Records when each delayed one answered.
/// </summary>
internal sealed class SlowTransactions(TimeSpan delay) : HttpPipelinePolicy
{
    private readonly List<long> answered = [];

    public bool Enabled { get; set; }

    /// <summary>When the delayed transactions answered (<see cref="Stopwatch"/> timestamps), in order.</summary>
    public IReadOnlyList<long> AnsweredAt
    {
        get
        {
            lock (answered)
            {
                return [.. answered];
            }
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Enabled && message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
        {
            await Task.Delay(delay, message.CancellationToken);
            lock (answered)
            {
                answered.Add(Stopwatch.GetTimestamp());
            }
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's storage calls are asynchronous.");
}
