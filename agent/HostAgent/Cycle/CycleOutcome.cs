using Orbit.Hosts.Attribution;
using Orbit.Hosts.Central;
using Orbit.Hosts.Enforcement;
using Orbit.Hosts.Usage;

namespace Orbit.HostAgent.Cycle;

/// <summary>What one completed cycle saw and did.</summary>
public sealed record CycleOutcome(
    string CycleId,
    AttributionResult Attribution,
    HostUsage Usage,
    EnforcementPlan Plan,
    IReadOnlyList<WarnNotice> Warnings,
    HostReport Report,
    bool Reported,
    int EmailsSent);
