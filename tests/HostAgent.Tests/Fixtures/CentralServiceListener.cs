using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Orbit.Hosts.Central;
using Orbit.Hosts.Reports;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>
/// A stand-in for the central report endpoint on a free loopback port: verifies each report's signature with
/// <see cref="ReportVerifier"/> (401 when bad), then reads its body with the central service's own
/// <see cref="HostReportReader"/> (400 naming the problems, so a report that drifts from the contract fails the test),
/// and answers a good one with the limits it is given.
/// </summary>
public sealed class CentralServiceListener : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ReportVerifier verifier = new(TimeProvider.System, new InMemoryReplayGuard(TimeProvider.System));
    private readonly string hostId;
    private readonly string secret;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int failuresLeft;

    public CentralServiceListener(string hostId, string secret)
    {
        this.hostId = hostId;
        this.secret = secret;
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/api/hosts/{hostId}/reports");
        listener.Prefixes.Add($"{Url.GetLeftPart(UriPartial.Authority)}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedReport> Reports { get; } = new();

    /// <summary>The timestamp header of every request, failed ones included.</summary>
    public ConcurrentQueue<string?> AttemptTimestamps { get; } = new();

    /// <summary>Limits to answer with; none means an empty 200.</summary>
    public IReadOnlyDictionary<string, long>? LimitsToSend { get; set; }

    /// <summary>The next <paramref name="count"/> requests get a 503 before anything is checked.</summary>
    public void FailNext(int count) => failuresLeft = count;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped while waiting for a request.
        }

        listener.Close();
        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException
                || (exception is InvalidOperationException && stopping.IsCancellationRequested))
            {
                // Stopped: while waiting, or (InvalidOperationException, "call Start()") between the loop's check and the wait.
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            AttemptTimestamps.Enqueue(context.Request.Headers[ReportHeaders.Timestamp]);
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                context.Response.StatusCode = 503;
                context.Response.Close();
                continue;
            }

            var bytes = body.ToArray();
            var verdict = await verifier.VerifyAsync(hostId, secret, context.Request.Headers[ReportHeaders.Timestamp], context.Request.Headers[ReportHeaders.Signature], bytes, CancellationToken.None);
            IReadOnlyList<string> problems = [];
            if (verdict == ReportVerdict.Accepted)
            {
                HostReportReader.Read(bytes, hostId, out problems);
            }

            var received = new ReceivedReport(verdict, problems, JsonDocument.Parse(bytes).RootElement.Clone());
            Reports.Enqueue(received);
            context.Response.StatusCode = verdict != ReportVerdict.Accepted ? 401 : problems.Count > 0 ? 400 : 200;
            if (received.WouldBeStored && LimitsToSend is not null)
            {
                var answer = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { limits = LimitsToSend }));
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer);
            }

            context.Response.Close();
        }
    }
}
