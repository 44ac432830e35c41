using Orbit.Functions.Quota;
using Orbit.Orchestrations;
using Orbit.Quota.Images;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Builds;

/// <summary>Activity: tracks the pushed image as the registry has it (idempotent: tracking it again changes nothing).</summary>
public sealed class TrackBuiltImageActivity(ImageTracker tracker, UsageStore store) : IActivity<TrackBuiltImageRequest, TrackedBuild>
{
    public async Task<TrackedBuild> RunAsync(TrackBuiltImageRequest input, CancellationToken cancellationToken)
    {
        var workspace = QuotaProblems.WorkspaceIdFrom(input.WorkspaceId);
        var repository = QuotaProblems.RepositoryFrom(input.Repository);
        var outcome = await tracker.TrackAsync(workspace, input.AppId, repository, QuotaProblems.TagFrom(input.Tag), QuotaProblems.OptionalDigestFrom(input.Digest), cancellationToken);
        var usage = await store.GetUsageAsync(workspace, cancellationToken) ?? throw new UnknownWorkspaceException(workspace);
        return new TrackedBuild(ImageResponse.From(await store.SummarizeAsync(outcome, cancellationToken)), UsageResponse.From(usage));
    }
}
