namespace Orbit.Hosts.Audit;

/// <summary>What one read of the audit log found.</summary>
/// <param name="Records">The kept records, in log order.</param>
/// <param name="NextOffset">Where the next read starts: just past the last complete line. Store it as the checkpoint.</param>
/// <param name="LinesRead">Complete lines read, kept or not.</param>
/// <param name="StartedOver">True when the log was shorter than the checkpoint (rotated or truncated) and was read from its start.</param>
public sealed record AuditReadResult(IReadOnlyList<AuditRecord> Records, long NextOffset, long LinesRead, bool StartedOver);
