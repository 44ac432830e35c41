using System.Globalization;

namespace Orbit.Hosts.Reports;

/// <summary>Signs the agent's report bodies with the host's secret at the current time.</summary>
public sealed class ReportSigner(string secret, TimeProvider time)
{
    public SignedReportHeaders Sign(ReadOnlySpan<byte> body)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return new SignedReportHeaders(now.ToString(CultureInfo.InvariantCulture), ReportSignature.Format(ReportSignature.Compute(secret, now, body)));
    }
}
