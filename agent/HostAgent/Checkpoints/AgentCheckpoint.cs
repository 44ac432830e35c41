using Orbit.Hosts.Attribution;

namespace Orbit.HostAgent.Checkpoints;

/// <summary>
/// Everything a cycle needs from the one before it. Saved only after a cycle's effects, so a cycle that dies
/// half-way is run again from here.
/// </summary>
public sealed record AgentCheckpoint
{
    public long AuditOffset { get; init; }

    public ulong? AuditInode { get; init; }

    /// <summary>Unix seconds the next event read starts from; re-reading a second already seen is harmless, the library skips applied events.</summary>
    public long? EventsSince { get; init; }

    public AttributionState Attribution { get; init; } = AttributionState.Empty;

    public List<string> UsersAtWarnLevel { get; init; } = [];

    /// <summary>Limits the central service sent back; they win over the configured ones.</summary>
    public Dictionary<string, long> CentralLimits { get; init; } = new(StringComparer.Ordinal);

    public long CyclesCompleted { get; init; }

    public static AgentCheckpoint Initial => new();
}
