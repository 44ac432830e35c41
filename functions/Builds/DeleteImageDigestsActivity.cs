using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.Images;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity, one per batch of planned digests (the cleanup's fan-out): deletes the manifests from the registry
/// (the instance has <c>Builds:DeletionParallelism</c> DELETEs in flight over all its batches) and their records
/// from the accounting in one commit. Idempotent: a redelivered work item finds its digests done. A digest the
/// registry would not delete comes back Failed.
/// </summary>
public sealed class DeleteImageDigestsActivity(DigestDeleter deleter)
{
    [Function(nameof(DeleteImageDigestsActivity))]
    public async Task<IReadOnlyList<DeletionOutcome>> RunAsync([ActivityTrigger] DeleteDigestsRequest input, CancellationToken cancellationToken)
    {
        var requests = input.Digests.Select(planned => new DigestDeletionRequest(planned.Repository, planned.Digest, planned.Tags, planned.Reason)).ToList();
        var deletions = await deleter.DeleteAllAsync(input.WorkspaceId, requests, input.PlannedAt, cancellationToken);
        return input.Digests.Zip(deletions, DeletionOutcome.Of).ToList();
    }
}
