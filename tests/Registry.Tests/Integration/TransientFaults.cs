using System.Net;

namespace Orbit.Registry.Tests.Integration;

/// <summary>Answers the first requests with a transient error, as a registry under load does, then lets requests through to the real registry.</summary>
internal sealed class TransientFaults(int failures, HttpStatusCode status, TimeSpan retryAfter) : DelegatingHandler
{
    private int seen;

    public int Requests => seen;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref seen) <= failures)
        {
            var response = new HttpResponseMessage(status) { RequestMessage = request };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
            return Task.FromResult(response);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
