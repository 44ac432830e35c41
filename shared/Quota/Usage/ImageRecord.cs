using System.Collections.Immutable;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Usage;

/// <summary>
/// One tracked tag: which workspace and app it belongs to, the digest it points at, and the distinct
/// blobs (digest → bytes) of that image, whose sum is <see cref="SizeBytes"/>.
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
    /// <summary>The bytes of all its distinct blobs, shared or not.</summary>
    public long SizeBytes => Blobs.Values.Sum();

    /// <summary>As listings show it, given the workspace's reference counts of its blobs (see <see cref="UsageAccounting.UniqueBytes"/>).</summary>
    public ImageSummary SummaryWith(IReadOnlyDictionary<Digest, BlobReferenceCount> references) =>
        new(WorkspaceId, AppId, Repository, Tag, Digest, MediaType, PushedAt, SizeBytes, UsageAccounting.UniqueBytes(this, references));
}
