using System.Collections.Concurrent;
using System.Net;
using Orbit.Testing;

namespace Orbit.Cli.Tests.Images;

/// <summary>
/// A loopback proxy in front of the real registry that answers the first <paramref name="throttled"/> requests of a
/// method with 429 and <c>Retry-After</c>, as a busy registry does, and forwards everything else unchanged.
/// </summary>
public sealed class ThrottlingProxy : IDisposable
{
    private readonly HttpClient upstream;
    private readonly HttpMethod method;
    private readonly int retryAfterSeconds;
    private readonly LoopbackHttpServer server;
    private int throttled;

    public ThrottlingProxy(Uri registry, HttpMethod method, int throttled, int retryAfterSeconds)
    {
        upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = registry };
        this.method = method;
        this.throttled = throttled;
        this.retryAfterSeconds = retryAfterSeconds;
        server = new LoopbackHttpServer(HandleAsync);
    }

    public int Port => server.Port;

    public Uri Url => server.Url;

    /// <summary>Every request of the throttled method, when it arrived and what it was answered.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Path, int Status)> Requests { get; } = new();

    public void Dispose()
    {
        server.Dispose();
        upstream.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url!.PathAndQuery;
        if (context.Request.HttpMethod == method.Method && Interlocked.Decrement(ref throttled) >= 0)
        {
            Requests.Enqueue((DateTimeOffset.UtcNow, path, 429));
            response.StatusCode = 429;
            response.Headers["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        using var forwarded = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), path);
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        if (body.Length > 0 || context.Request.HttpMethod is "PUT" or "POST" or "PATCH")
        {
            forwarded.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(name => name is "Authorization" or "Accept"))
        {
            forwarded.Headers.TryAddWithoutValidation(name, context.Request.Headers.GetValues(name) ?? []);
        }

        using var answer = await upstream.SendAsync(forwarded);
        if (context.Request.HttpMethod == method.Method)
        {
            Requests.Enqueue((DateTimeOffset.UtcNow, path, (int)answer.StatusCode));
        }

        response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers).Where(header => header.Key is not ("Transfer-Encoding" or "Content-Length")))
        {
            response.Headers[header.Key] = string.Join(", ", header.Value);
        }

        var content = await answer.Content.ReadAsByteArrayAsync();
        if (content.Length > 0)
        {
            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content);
        }
    }
}
