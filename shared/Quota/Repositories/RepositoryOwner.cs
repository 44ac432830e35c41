using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Repositories;

/// <summary>The workspace and app a repository's images count toward.</summary>
public sealed record RepositoryOwner(WorkspaceId WorkspaceId, string AppId);
