using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Orbit.Functions.Http;
using Orbit.Hosts.Central;
using Orbit.Hosts.Reports;
using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

/// <summary>
/// <c>POST /api/hosts/{hostId}/reports</c>: a host agent's signed report. The signature is checked before anything
/// else is said about the request; the body is judged next, and only a genuine, valid, first-seen report writes
/// anything. The answer carries the limits set centrally, which is how they reach the agent.
/// </summary>
public sealed class ReceiveHostReportFunction(
    ReportVerifier verifier,
    HostQuotaStore store,
    IOptions<HostQuotaOptions> options,
    TimeProvider time,
    ILogger<ReceiveHostReportFunction> logger)
{
    public const int MaxBytes = 4 * 1024 * 1024;

    [Function("ReceiveHostReport")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hosts/{hostId}/reports")] HttpRequest request, CancellationToken cancellationToken)
    {
        var hostId = request.RouteValues["hostId"] as string;
        var body = await ReadBodyAsync(request, cancellationToken);
        var secret = HostId.IsValid(hostId) ? options.Value.SecretFor(hostId!) : null;
        if (secret is null)
        {
            // Same answer as a bad signature: a stranger cannot tell which host ids exist.
            if (HostId.IsValid(hostId) && options.Value.HasUnresolvedReference(hostId!))
            {
                logger.LogError("Refused a report for {HostId}: its secret setting (Hosts:Secrets:<hostId>) is a Key Vault reference App Service could not resolve; check the app identity's access to the vault and the secret's name.", hostId);
            }
            else
            {
                logger.LogWarning("Refused a report for {HostId}: no secret of at least {Length} characters is configured for it (Hosts:Secrets:<hostId>).",
                    HostId.IsValid(hostId) ? hostId : "an invalid host id", HostQuotaOptions.MinimumSecretLength);
            }

            throw HostProblems.Unauthorized(ReportVerdict.BadSignature);
        }

        var timestamp = request.Headers[ReportHeaders.Timestamp].ToString();
        var signature = request.Headers[ReportHeaders.Signature].ToString();
        var verdict = verifier.CheckSignature(secret, timestamp, signature, body.Span);
        if (verdict != ReportVerdict.Accepted)
        {
            logger.LogWarning("Refused a report for {HostId}: {Verdict}.", hostId, verdict);
            throw HostProblems.Unauthorized(verdict);
        }

        if (!request.HasJsonContentType())
        {
            throw new ProblemException(415, "Unsupported media type", "Send the report as JSON with Content-Type: application/json.");
        }

        var report = HostReportReader.Read(body.Span, hostId!, out var problems)
            ?? throw new ProblemException(400, "Bad request", "The report is not valid: " + string.Join(" ", problems), new Dictionary<string, object?> { ["problems"] = problems });

        // Remembered only once the report is usable, so a refused body leaves no trace, not even its signature.
        if (await verifier.RecordAsync(hostId!, timestamp, signature, cancellationToken) == ReportVerdict.Replayed)
        {
            logger.LogWarning("Refused a report for {HostId}: {Verdict}.", hostId, ReportVerdict.Replayed);
            throw HostProblems.Unauthorized(ReportVerdict.Replayed);
        }

        var stored = await store.StoreAsync(report, time.GetUtcNow(), cancellationToken);
        return Results.Ok(new ReportReceipt(report.HostId, report.CycleId, stored.IsLatest, stored.Events, stored.Limits));
    }

    // Read whatever the content type: the signature covers the raw bytes, and the type is only judged once they verify.
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static ProblemException TooLarge() => new(413, "Payload too large", $"A report may be at most {MaxBytes} bytes.");
}
