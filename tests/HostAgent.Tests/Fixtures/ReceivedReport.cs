using System.Text.Json;
using Orbit.Hosts.Reports;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>
/// A report the listener received, with the verifier's verdict on its signature and, for a signed one, what
/// <see cref="Orbit.Hosts.Central.HostReportReader"/> found wrong with its body (empty when the central service would store it).
/// </summary>
public sealed record ReceivedReport(ReportVerdict Verdict, IReadOnlyList<string> Problems, JsonElement Body)
{
    public bool WouldBeStored => Verdict == ReportVerdict.Accepted && Problems.Count == 0;
}
