namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>What <c>POST /api/builds</c> answered: the instance id and the path of its status (the management URL without host).</summary>
internal sealed record BuildStarted(string Id, string StatusPath, DateTimeOffset PostedAt);
