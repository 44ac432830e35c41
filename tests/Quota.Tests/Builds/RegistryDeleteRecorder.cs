using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orbit.Quota.Tests.Builds;

/// <summary>In the app's registry client: records when each DELETE was sent (<see cref="Stopwatch"/> timestamps) into <paramref name="sentAt"/>.</summary>
internal sealed class RegistryDeleteRecorder(ConcurrentQueue<long> sentAt) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Delete)
        {
            sentAt.Enqueue(Stopwatch.GetTimestamp());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
