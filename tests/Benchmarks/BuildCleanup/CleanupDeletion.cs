namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>One entry of <c>cleanup.deletions</c> in <c>GET /api/builds/{id}</c>: a planned digest and what became of it.</summary>
internal sealed record CleanupDeletion(string Repository, string Digest, string Result, long FreedBytes);
