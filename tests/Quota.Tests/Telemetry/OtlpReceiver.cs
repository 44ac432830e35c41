using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Orbit.Quota.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP endpoint on 127.0.0.1 that keeps what it is sent (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) and
/// answers 200. It does not decode protobuf: a payload's strings (span and metric names, attribute keys and values, log
/// bodies) are in it as UTF-8 bytes, which is all a test of names and of secrets needs.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication server;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> received = new();

    private OtlpReceiver(WebApplication server) => this.server = server;

    public Uri Endpoint => new(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        var server = builder.Build();
        var receiver = new OtlpReceiver(server);
        server.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.received.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await server.StartAsync();
        return receiver;
    }

    /// <summary>Every payload of a signal so far, as text (protobuf's strings readable, its numbers not).</summary>
    public IReadOnlyList<string> Payloads(string signal) =>
        received.Where(payload => payload.Signal == signal).Select(payload => Encoding.UTF8.GetString(payload.Body)).ToList();

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        await server.DisposeAsync();
    }
}
