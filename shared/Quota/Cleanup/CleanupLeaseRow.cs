using Azure;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// A workspace's cleanup lease row as one read found it: who holds it until when (no holder when given back), who held
/// it before, and the row's ETag to write over (none when the workspace was never leased). What a check reads beside
/// its first usage read, so that it takes the lease with one write, and knows without another read whether it is
/// continuing a cleanup of its own.
/// </summary>
public sealed record CleanupLeaseRow(string Holder, DateTimeOffset ExpiresAt, string? PreviousHolder, ETag? ETag)
{
    /// <summary>The row of a workspace never leased.</summary>
    public static CleanupLeaseRow None { get; } = new(string.Empty, DateTimeOffset.MinValue, null, null);

    /// <summary>
    /// Whether <paramref name="holder"/> held the lease last: the row still names it (lapsed or not), or it gave the lease
    /// back and nobody took it since. Then no other build has cleaned the workspace in between.
    /// </summary>
    public bool HeldLastBy(string holder) => Holder == holder || (Holder.Length == 0 && PreviousHolder == holder);
}
