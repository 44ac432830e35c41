namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>What <c>POST /api/builds</c> answered: the instance id and its status and terminate URLs (path and query, with the system key), and when it was posted.</summary>
internal sealed record BuildStarted(string Id, string StatusPathAndQuery, string TerminatePathAndQuery, DateTimeOffset PostedAt);
