using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.WebJobs;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Http;

/// <summary>
/// <c>/runtime/webhooks/durabletask/…</c>: the Durable Functions HTTP management API, answered by the Durable extension
/// itself. As in Azure it takes the master key or the <c>durabletask_extension</c> system key (which the URLs a start
/// returns carry as <c>code</c>), never a function or host key: those would let any function's caller terminate or
/// purge every instance.
/// </summary>
public sealed class DurableWebhookHandler(HostKeys keys)
{
    public const string Path = "/runtime/webhooks/durabletask";

    public async Task HandleAsync(HttpContext context, IAsyncConverter<HttpRequestMessage, HttpResponseMessage> durable)
    {
        if (!keys.AuthorizesSystem(HostKeys.DurableTaskSystemKeyName, PresentedKey.From(context.Request)))
        {
            await LocalHostProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
                $"The Durable management API needs the master key or the {HostKeys.DurableTaskSystemKeyName} system key (the code the URLs returned by a start carry), in the {PresentedKey.HeaderName} header or the code query parameter. Function and host keys are not accepted here.");
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.GetEncodedUrl());
        foreach (var header in context.Request.Headers)
        {
            // The API reads some of its input from headers (x-ms-continuation-token when paging through instances).
            if (!header.Key.Equals(PresentedKey.HeaderName, StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        using var response = await durable.ConvertAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers)
        {
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        if (response.Content is { } content)
        {
            foreach (var header in content.Headers)
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            context.Response.Headers.ContentLength = null;
            await content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
