using Orbit.Quota.Usage;
using Orbit.Registry.References;

namespace Orbit.Quota.Storage;

/// <summary>An untrack waiting for its workspace's turn, and where its outcome goes once a turn commits it.</summary>
internal sealed class PendingUntrack(IReadOnlyList<(RepositoryName Repository, Tag Tag)> tags)
{
    public IReadOnlyList<(RepositoryName Repository, Tag Tag)> Tags { get; } = tags;

    public TaskCompletionSource<UsageChange?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
