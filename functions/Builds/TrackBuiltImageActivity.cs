using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Quota;
using Orbit.Quota.Images;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Builds;

/// <summary>Activity: tracks the pushed image as the registry has it (idempotent: tracking it again changes nothing).</summary>
public sealed class TrackBuiltImageActivity(ImageTracker tracker, RepositoryOwners owners, UsageStore store)
{
    [Function(nameof(TrackBuiltImageActivity))]
    public async Task<TrackedBuild> RunAsync([ActivityTrigger] TrackBuiltImageRequest input, CancellationToken cancellationToken)
    {
        var outcome = await tracker.TrackAsync(input.WorkspaceId, input.AppId, input.Repository, input.Tag, input.Digest, cancellationToken);
        await owners.SetAsync(input.Repository, new RepositoryOwner(input.WorkspaceId, input.AppId), cancellationToken);
        var usage = await store.GetUsageAsync(input.WorkspaceId, cancellationToken) ?? throw new UnknownWorkspaceException(input.WorkspaceId);
        return new TrackedBuild(ImageResponse.From(outcome.Image), UsageResponse.From(usage));
    }
}
