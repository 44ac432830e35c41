using System.Globalization;
using Microsoft.AspNetCore.Http;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.Client;
using Orbit.Orchestrations.Storage;

namespace Orbit.Orchestrations.Http;

/// <summary>
/// <c>GET /runtime/webhooks/durabletask/instances?runtimeStatus=Running,Failed&amp;name=&amp;createdTimeFrom=&amp;createdTimeTo=&amp;top=</c>:
/// one page of statuses; the next page's token comes back in, and goes out as, the <c>x-ms-continuation-token</c> header.
/// </summary>
public sealed class ListInstancesFunction(OrchestrationClient client) : IHttpFunction
{
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;

    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var text in request.Query["runtimeStatus"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            statuses.Add(Enum.TryParse<OrchestrationRuntimeStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status)
                ? status
                : throw ProblemException.BadRequest($"'{text}' is not a runtime status; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."));
        }

        var top = request.Query["top"].ToString() is { Length: > 0 } topText
            ? int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= MaxTop ? parsed : throw ProblemException.BadRequest($"top must be a whole number from 1 to {MaxTop}, not '{topText}'.")
            : DefaultTop;
        var name = request.Query["name"].ToString() is { Length: > 0 } nameText ? nameText : null;
        var query = new InstanceQuery(statuses, name, Time(request, "createdTimeFrom"), Time(request, "createdTimeTo"));
        var continuation = request.Headers[ManagementRoutes.ContinuationHeader].ToString() is { Length: > 0 } token ? token : null;

        InstancePage page;
        try
        {
            page = await client.ListAsync(query, top, continuation, cancellationToken);
        }
        catch (Exception exception) when (continuation is not null && exception is ArgumentException or FormatException or Azure.RequestFailedException { Status: 400 })
        {
            throw ProblemException.BadRequest($"The {ManagementRoutes.ContinuationHeader} header is not a token this listing handed out; start again without it.");
        }

        if (page.ContinuationToken is not null)
        {
            request.HttpContext.Response.Headers[ManagementRoutes.ContinuationHeader] = page.ContinuationToken;
        }

        return Results.Ok(page.Instances.Select(instance => InstanceStatusResponse.From(instance, null, showInput: false)));
    }

    private static DateTimeOffset? Time(HttpRequest request, string parameter)
    {
        var text = request.Query[parameter].ToString();
        return text.Length == 0 ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
            : throw ProblemException.BadRequest($"{parameter} must be an ISO 8601 time such as 2026-11-23T10:00:00Z, not '{text}'.");
    }
}
