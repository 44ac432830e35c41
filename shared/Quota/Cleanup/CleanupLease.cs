namespace Orbit.Quota.Cleanup;

/// <summary>Whether a build got a workspace's cleanup lease, and if not, who holds it until when.</summary>
public sealed record CleanupLease(bool Acquired, string Holder, DateTimeOffset ExpiresAt, string? PreviousHolder);
