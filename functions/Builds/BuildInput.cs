namespace Orbit.Functions.Builds;

/// <summary>The build orchestration's input: a validated <see cref="StartBuildRequest"/>.</summary>
public sealed record BuildInput(string WorkspaceId, string AppId, string Repository, string Tag, BuildRegistry Registry, long EstimatedBytes);
