using Orbit.Functions.Quota;
using Orbit.Orchestrations;
using Orbit.Quota.Images;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity, one per batch of planned digests (the cleanup's fan-out): deletes the manifests from the registry
/// (the instance has <c>Builds:DeletionParallelism</c> DELETEs in flight over all its batches) and their records
/// from the accounting in one commit. Idempotent: a redelivered work item finds its digests done. A digest the
/// registry would not delete comes back Failed.
/// </summary>
public sealed class DeleteImageDigestsActivity(DigestDeleter deleter) : IActivity<DeleteDigestsRequest, IReadOnlyList<DeletionOutcome>>
{
    public async Task<IReadOnlyList<DeletionOutcome>> RunAsync(DeleteDigestsRequest input, CancellationToken cancellationToken)
    {
        var requests = input.Digests.Select(planned => new DigestDeletionRequest(
            QuotaProblems.RepositoryFrom(planned.Repository),
            QuotaProblems.OptionalDigestFrom(planned.Digest) ?? throw new ArgumentException("Every planned deletion needs a digest.", nameof(input)),
            planned.Tags.Select(QuotaProblems.TagFrom).ToList(),
            planned.Reason)).ToList();
        var deletions = await deleter.DeleteAllAsync(QuotaProblems.WorkspaceIdFrom(input.WorkspaceId), requests, input.PlannedAt ?? DateTimeOffset.MinValue, cancellationToken);
        return input.Digests.Zip(deletions, DeletionOutcome.Of).ToList();
    }
}
