using Orbit.Functions.Http;
using Orbit.Hosts.Central;
using Orbit.Hosts.Reports;

namespace Orbit.Functions.Hosts;

/// <summary>Turns the Docker-host endpoints' request values into problem details a caller can act on.</summary>
internal static class HostProblems
{
    public static string HostIdFrom(string? text) =>
        HostId.IsValid(text) ? text! : throw ProblemException.BadRequest($"'{text}' is not a host id: {HostId.Grammar}.");

    public static string UserFrom(string? text) =>
        HostUserName.IsValid(text) ? text! : throw ProblemException.BadRequest($"'{text}' is not a host user: {HostUserName.Grammar}.");

    public static ProblemException UnknownHost(string hostId) =>
        ProblemException.NotFound($"Host '{hostId}' has not reported yet.");

    /// <summary>Every refusal of a report's signature is this one status; the detail helps an operator fix a clock or a secret, and tells a stranger nothing about the body.</summary>
    public static ProblemException Unauthorized(ReportVerdict verdict) => new(401, "Unauthorized", verdict switch
    {
        ReportVerdict.MissingHeaders => $"Sign the report: the {ReportHeaders.Timestamp} and {ReportHeaders.Signature} headers are required.",
        ReportVerdict.MalformedTimestamp => $"{ReportHeaders.Timestamp} must be Unix time in whole seconds.",
        ReportVerdict.StaleTimestamp => $"{ReportHeaders.Timestamp} is more than {ReportVerifier.DefaultTolerance.TotalMinutes:0} minutes from the service's clock.",
        ReportVerdict.Replayed => "This signed report was already accepted.",
        _ => "The report's signature is not valid for this host.",
    });
}
