using Orbit.Hosts.Audit;

namespace Orbit.HostAgent.Audit;

/// <summary>What a cycle read from the audit log, and where the next one starts.</summary>
public sealed record AuditLogRead(IReadOnlyList<AuditRecord> Records, long NextOffset, ulong? Inode, long LinesRead, bool Missing);
