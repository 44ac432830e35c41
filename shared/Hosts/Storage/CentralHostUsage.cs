using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Storage;

/// <summary>
/// A host's usage as operators see it: the latest report's bytes under the limits in force, where a limit set at the
/// central service wins over the one the agent reported (the agent takes it on its next report).
/// </summary>
/// <param name="Usage">The figures recomputed with those limits and the reported reserved bytes.</param>
/// <param name="Reported">The latest report's users, by name.</param>
/// <param name="CentralLimits">Limits set with <c>PUT .../quota</c>, by user.</param>
public sealed record CentralHostUsage(
    HostSummary Host,
    HostUsage Usage,
    IReadOnlyDictionary<string, StoredUserUsage> Reported,
    IReadOnlyDictionary<string, long> CentralLimits);
