using Azure;

namespace Orbit.Functions.Builds;

/// <summary>A plan a build's check kept (<see cref="KeptCleanupPlans"/>), and the version of its blob, on which the check writes its progress.</summary>
public sealed record KeptCleanupPlan(PlannedCleanup Plan, ETag Version);
