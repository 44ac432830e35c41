using Orbit.Hosts.Audit;

namespace Orbit.Hosts.Attribution;

/// <summary>
/// What attribution remembers between cycles, saved with the agent's checkpoint (plain collections: it serializes with
/// System.Text.Json as is). A cycle never changes the state it is given; it returns a new one, so an agent that dies
/// before saving simply runs the cycle again from the old state.
/// </summary>
public sealed record AttributionState
{
    /// <summary>Containers attributed from audit records, by id: the records are gone from the log window later.</summary>
    public Dictionary<string, string> ContainerOwners { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Images by id (without "sha256:") and who first pulled or created them, when. Layer owners are derived from these
    /// claims each cycle, so a layer follows the earliest claim still on the host and needs no state of its own.
    /// </summary>
    public Dictionary<string, ImageClaim> ImageOwners { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Recent audit records, ordered by time, so a container listed a cycle after its audit record still matches it.</summary>
    public List<AuditRecord> RecentAudit { get; init; } = [];

    /// <summary>The newest event time applied (Docker timeNano).</summary>
    public long EventWatermarkNano { get; init; }

    /// <summary>Keys of the events applied within <see cref="AttributionOptions.EventMemory"/> of the watermark, with their timeNano.</summary>
    public Dictionary<string, long> RecentEventKeys { get; init; } = new(StringComparer.Ordinal);

    public static AttributionState Empty => new();

    internal AttributionState Copy() => new()
    {
        ContainerOwners = new(ContainerOwners, StringComparer.Ordinal),
        ImageOwners = new(ImageOwners, StringComparer.Ordinal),
        RecentAudit = [.. RecentAudit],
        EventWatermarkNano = EventWatermarkNano,
        RecentEventKeys = new(RecentEventKeys, StringComparer.Ordinal),
    };
}
