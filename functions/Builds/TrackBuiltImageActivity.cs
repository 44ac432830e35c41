using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Quota;
using Orbit.Quota.Images;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Builds;

/// <summary>Activity: tracks the pushed image as the registry has it (idempotent: tracking it again changes nothing).</summary>
public sealed class TrackBuiltImageActivity(ImageTracker tracker, UsageStore store)
{
    [Function(nameof(TrackBuiltImageActivity))]
    public async Task<TrackedBuild> RunAsync([ActivityTrigger] TrackBuiltImageRequest input, CancellationToken cancellationToken)
    {
        var outcome = await tracker.TrackAsync(input.WorkspaceId, input.AppId, input.Repository, input.Tag, input.Digest, cancellationToken);
        var usage = await store.GetUsageAsync(input.WorkspaceId, cancellationToken) ?? throw new UnknownWorkspaceException(input.WorkspaceId);
        return new TrackedBuild(ImageResponse.From(await store.SummarizeAsync(outcome, cancellationToken)), UsageResponse.From(usage));
    }
}
