using System.Collections.Immutable;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Usage;

/// <summary>
/// One tracked tag: which workspace and app it belongs to, the digest it points at, and the distinct
/// blobs (digest → bytes) of that image, whose sum is <see cref="UniqueBytes"/>.
/// </summary>
public sealed record ImageRecord(
    WorkspaceId WorkspaceId,
    string AppId,
    RepositoryName Repository,
    Tag Tag,
    Digest Digest,
    string MediaType,
    DateTimeOffset PushedAt,
    ImmutableDictionary<Digest, long> Blobs)
{
    public long UniqueBytes => Blobs.Values.Sum();

    public ImageSummary Summary => new(WorkspaceId, AppId, Repository, Tag, Digest, MediaType, PushedAt, UniqueBytes);
}
