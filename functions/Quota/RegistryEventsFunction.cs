using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Events;

namespace Orbit.Functions.Quota;

/// <summary>
/// <c>POST /api/registry/events</c>: the registry's push and delete events — the CNCF registry's
/// <c>notifications</c> envelope, or Event Grid's ACR events including its subscription-validation
/// handshake. Idempotent; an event that cannot be handled now (the registry or storage unreachable) answers 503 so the
/// sender retries.
/// </summary>
public sealed class RegistryEventsFunction(RegistryEventHandler handler)
{
    private const int MaxBytes = 1024 * 1024;

    [Function("RegistryEvents")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "registry/events")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadBytesAsync(request, cancellationToken, MaxBytes);
        RegistryEventBatch batch;
        try
        {
            batch = RegistryEventParser.Parse(body.Span);
        }
        catch (JsonException exception)
        {
            throw ProblemException.BadRequest($"The body is not a registry notification: {exception.Message}");
        }

        if (batch.ValidationCode is { } code)
        {
            return Results.Ok(new { validationResponse = code });
        }

        var outcome = await handler.HandleAsync(batch.Events, cancellationToken);
        return Results.Ok(new { outcome.Tracked, outcome.Untracked, ignored = outcome.Ignored + batch.Skipped, outcome.Refused });
    }
}
