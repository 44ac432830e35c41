namespace Orbit.Hosts.Reports;

/// <summary>The HTTP headers a signed report travels with.</summary>
public static class ReportHeaders
{
    /// <summary>Unix time in whole seconds when the agent signed the report.</summary>
    public const string Timestamp = "X-Orbit-Timestamp";

    /// <summary>"sha256=" and the lowercase hex HMAC-SHA256 of timestamp + "." + body under the host's secret.</summary>
    public const string Signature = "X-Orbit-Signature";

    public const string SignaturePrefix = "sha256=";
}
