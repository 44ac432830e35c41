using Orbit.Functions.Builds;

namespace Orbit.Functions.Dashboard;

/// <summary>A build orchestration as the builds page lists it: its instance, what it builds, and its custom status.</summary>
public sealed record BuildRow(string Id, string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, BuildInput? Input, BuildStatus? Status);
