using Azure;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// Whether a build got a workspace's cleanup lease, and if not, who holds it until when. <see cref="Continued"/>: the
/// build held the lease last (the lease still named it, lapsed or not, or it had given it back and nobody took it since),
/// so no other build has cleaned the workspace in between. <see cref="Written"/>: the ETag of the row the acquisition
/// wrote, over which the holder gives the lease back without reading it first.
/// </summary>
public sealed record CleanupLease(bool Acquired, string Holder, DateTimeOffset ExpiresAt, string? PreviousHolder, bool Continued = false, ETag? Written = null);
