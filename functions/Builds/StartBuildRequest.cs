namespace Orbit.Functions.Builds;

/// <summary>The body of <c>POST /api/builds</c>.</summary>
public sealed record StartBuildRequest(string WorkspaceId, string AppId, string Repository, string Tag, BuildRegistry? Registry, long? EstimatedBytes = null);
