using System.Text.Json;
using Orbit.Hosts.Reports;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>A report the listener received, with the verifier's verdict on its signature.</summary>
public sealed record ReceivedReport(ReportVerdict Verdict, JsonElement Body);
