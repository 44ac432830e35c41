using Microsoft.AspNetCore.Http;

namespace Orbit.Orchestrations.Http;

/// <summary>
/// The answer to a start: 202 with the instance id and the URLs to poll, signal, terminate and purge it,
/// <c>Location</c> pointing at the status and <c>Retry-After</c> saying when to poll. Unlike Durable
/// Functions, the URLs carry no key: the caller already holds one, and responses do not hand out secrets.
/// </summary>
public sealed record CheckStatusResponse(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public static CheckStatusResponse For(HttpRequest request, string instanceId)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{ManagementRoutes.Instances}/{Uri.EscapeDataString(instanceId)}";
        return new CheckStatusResponse(instanceId, instance, $"{instance}/raiseEvent/{{eventName}}", $"{instance}/terminate?reason={{text}}", instance);
    }

    public static IResult Accepted(HttpRequest request, string instanceId)
    {
        var body = For(request, instanceId);
        SetRetryAfter(request.HttpContext.Response);
        return Results.Accepted(body.StatusQueryGetUri, body);
    }

    /// <summary>Tells a poller when to ask again about an instance that has not finished.</summary>
    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
