using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Usage;

/// <summary>
/// An image record as listings show it: <see cref="SizeBytes"/> counts all its distinct blobs; <see cref="UniqueBytes"/>
/// only those no other tracked image of the workspace references, which is what deleting it alone frees.
/// </summary>
public sealed record ImageSummary(
    WorkspaceId WorkspaceId, string AppId, RepositoryName Repository, Tag Tag, Digest Digest, string MediaType, DateTimeOffset PushedAt, long SizeBytes, long UniqueBytes);
