using Orbit.Hosts.Audit;
using Orbit.Hosts.Users;

namespace Orbit.Hosts.Attribution;

/// <summary>What one cycle read from the host.</summary>
/// <param name="NewAuditRecords">The audit records read since the last checkpoint.</param>
/// <param name="Events">
/// The Docker events since the last cycle, up to the moment the listings below were taken (an event for an image
/// listed only later cannot be matched and is spent). Overlap with the previous read is fine: seen events are skipped.
/// </param>
/// <param name="Containers">Every container, with sizes.</param>
/// <param name="Images">Every image, with its layers.</param>
/// <param name="Users">The host's passwd users.</param>
public sealed record AttributionInput(
    IReadOnlyList<AuditRecord> NewAuditRecords,
    IReadOnlyList<HostEvent> Events,
    IReadOnlyList<ContainerSnapshot> Containers,
    IReadOnlyList<ImageSnapshot> Images,
    LocalUsers Users);
