using Orbit.Functions.Quota;
using Orbit.Orchestrations;
using Orbit.Quota.Images;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity, one per planned digest (the cleanup's fan-out): deletes the manifest from the registry and its
/// records from the accounting. Idempotent: a redelivered work item finds it done.
/// </summary>
public sealed class DeleteImageDigestActivity(DigestDeleter deleter) : IActivity<DeleteDigestRequest, DeletionOutcome>
{
    public async Task<DeletionOutcome> RunAsync(DeleteDigestRequest input, CancellationToken cancellationToken)
    {
        var repository = QuotaProblems.RepositoryFrom(input.Repository);
        var digest = QuotaProblems.OptionalDigestFrom(input.Digest) ?? throw new ArgumentException("A digest is required.", nameof(input));
        var tags = input.Tags.Select(QuotaProblems.TagFrom).ToList();
        var deletion = await deleter.DeleteAsync(QuotaProblems.WorkspaceIdFrom(input.WorkspaceId), repository, digest, tags, input.Reason, cancellationToken);
        var removed = deletion.Tags.Count > 0 ? deletion.Tags.Select(t => t.Value).ToList() : input.Tags;
        return new DeletionOutcome(input.Repository, input.Digest, removed, deletion.Result.ToString(), deletion.FreedBytes, deletion.Detail, input.Reason);
    }
}
