using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Orbit.LocalHost.Keys;
using Yarp.ReverseProxy.Forwarder;

namespace Orbit.LocalHost.Http;

/// <summary>
/// Forwards an HTTP trigger's request to the worker's own HTTP server (the <c>HttpUri</c> it announced), as the Functions
/// host does for workers with the ASP.NET Core integration, with the invocation id in <c>x-ms-invocation-id</c>; the
/// worker's response streams back to the caller. The original Host header travels with it (the worker builds the
/// URLs it hands out from it). The caller's key does not: the host has checked it and the worker has no use for it.
/// </summary>
public sealed class WorkerHttpForwarder(IHttpForwarder forwarder, Uri workerUri) : IDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(4) };

    private readonly HttpMessageInvoker client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    private readonly HttpTransformer transformer = new KeylessTransformer();

    public async Task ForwardAsync(HttpContext context, string invocationId)
    {
        context.Request.Headers[InvocationIdHeader] = invocationId;
        var error = await forwarder.SendAsync(context, workerUri.ToString(), client, RequestConfig, transformer);
        if (error != ForwarderError.None)
        {
            throw new InvalidOperationException($"The request could not be forwarded to the worker ({error}).", context.GetForwarderErrorFeature()?.Exception);
        }
    }

    public void Dispose() => client.Dispose();

    private sealed class KeylessTransformer : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove(PresentedKey.HeaderName);
            var query = QueryHelpers.ParseQuery(httpContext.Request.QueryString.Value);
            if (query.Remove("code"))
            {
                var rebuilt = QueryString.Create(query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value))));
                proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, httpContext.Request.Path, rebuilt);
            }
        }
    }
}
