using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Orbit.Testing;

/// <summary>
/// An OTLP/HTTP endpoint on 127.0.0.1 that keeps what it is sent (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) and
/// answers 200. It does not decode protobuf: a payload's strings (span and metric names, attribute keys and values, log
/// bodies) are in it as UTF-8 bytes, which is all a test of names and of secrets needs. Point an app at it with
/// <see cref="Settings"/>; disposing stops it.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> received = new();
    private readonly LoopbackHttpServer server;

    public OtlpReceiver() => server = new LoopbackHttpServer(ReceiveAsync, "/v1/");

    public Uri Endpoint => server.Url;

    /// <summary>An app's settings to export here over OTLP/HTTP, every fraction of a second rather than the default intervals.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    /// <summary>Every payload of a signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>) so far, as text: protobuf's strings readable, its numbers not.</summary>
    public IReadOnlyList<string> Payloads(string signal) =>
        received.Where(payload => payload.Signal == signal).Select(payload => Encoding.UTF8.GetString(payload.Body)).ToList();

    /// <summary>Whether any payload of the signal so far holds <paramref name="text"/>.</summary>
    public bool Received(string signal, string text) => Payloads(signal).Any(payload => payload.Contains(text, StringComparison.Ordinal));

    public void Dispose() => server.Dispose();

    private async Task ReceiveAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        received.Enqueue((context.Request.Url!.AbsolutePath.TrimEnd('/').Split('/')[^1], body.ToArray()));
        context.Response.StatusCode = 200;
        context.Response.Close();
    }
}
