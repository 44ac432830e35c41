namespace Orbit.Functions.Quota;

/// <summary>The body of <c>PUT /api/internal/repository-owners/{repository}</c>: the workspace and app the repository's images count toward.</summary>
public sealed record PutRepositoryOwnerRequest(string WorkspaceId, string AppId);
