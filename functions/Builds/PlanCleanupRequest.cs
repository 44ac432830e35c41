namespace Orbit.Functions.Builds;

/// <summary>Input of the planning activity.</summary>
public sealed record PlanCleanupRequest(string WorkspaceId, long EstimatedBytes);
