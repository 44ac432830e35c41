using Orbit.Quota.Usage;
using Orbit.Registry.References;

namespace Orbit.Quota.Storage;

/// <summary>
/// An untrack waiting for its workspace's turn, and where its outcome goes once a turn commits it. With
/// <see cref="Manifest"/>, the tags are a whole manifest's, and its commit records it as an <see cref="UntrackedManifest"/>.
/// </summary>
internal sealed class PendingUntrack(IReadOnlyList<(RepositoryName Repository, Tag Tag)> tags, (RepositoryName Repository, Digest Digest)? manifest = null)
{
    public IReadOnlyList<(RepositoryName Repository, Tag Tag)> Tags { get; } = tags;

    public (RepositoryName Repository, Digest Digest)? Manifest { get; } = manifest;

    public TaskCompletionSource<UsageChange?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
