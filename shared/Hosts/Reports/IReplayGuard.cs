namespace Orbit.Hosts.Reports;

/// <summary>
/// Remembers accepted signatures until they expire, so the same signed report is accepted once. The central service
/// backs it with a table (an insert that fails when the row exists); <see cref="InMemoryReplayGuard"/> serves tests and
/// a single process.
/// </summary>
public interface IReplayGuard
{
    /// <summary>Records the signature; false when it was already recorded and has not expired.</summary>
    ValueTask<bool> TryRecordAsync(string hostId, string signature, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
