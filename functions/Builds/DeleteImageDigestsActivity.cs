using Microsoft.Azure.Functions.Worker;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity, one per batch of planned digests (the cleanup's fan-out): deletes the manifests from the registry
/// (the instance has <c>Builds:DeletionParallelism</c> DELETEs in flight over all its batches) and their records
/// from the accounting in one commit. Idempotent: a redelivered work item finds its digests done. A digest the
/// registry would not delete comes back Failed.
/// </summary>
public sealed class DeleteImageDigestsActivity(PlannedDigestDeleter deleter)
{
    [Function(nameof(DeleteImageDigestsActivity))]
    public Task<IReadOnlyList<DeletionOutcome>> RunAsync([ActivityTrigger] DeleteDigestsRequest input, CancellationToken cancellationToken) =>
        deleter.DeleteBatchAsync(input.WorkspaceId, input.Digests, input.PlannedAt, cancellationToken);
}
