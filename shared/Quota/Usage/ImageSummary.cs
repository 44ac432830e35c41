using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Usage;

/// <summary>An image record as listings show it (without its blob list).</summary>
public sealed record ImageSummary(WorkspaceId WorkspaceId, string AppId, RepositoryName Repository, Tag Tag, Digest Digest, string MediaType, DateTimeOffset PushedAt, long UniqueBytes);
