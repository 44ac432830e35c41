using Microsoft.DurableTask;
using Orbit.Quota.History;

namespace Orbit.Functions.Builds;

/// <summary>The build's activities, called by type rather than by a name spelled at each call.</summary>
public static class BuildActivities
{
    public static Task<QuotaCheck> CheckQuotaAsync(this TaskOrchestrationContext context, CheckQuotaRequest request, TaskOptions options) =>
        context.CallActivityAsync<QuotaCheck>(nameof(CheckQuotaActivity), request, options);

    public static Task<CarriedOutCleanup> CarryOutCleanupAsync(this TaskOrchestrationContext context, CarryOutCleanupRequest request, TaskOptions options) =>
        context.CallActivityAsync<CarriedOutCleanup>(nameof(CarryOutCleanupActivity), request, options);

    public static Task<IReadOnlyList<DeletionOutcome>> DeleteImageDigestsAsync(this TaskOrchestrationContext context, DeleteDigestsRequest request, TaskOptions options) =>
        context.CallActivityAsync<IReadOnlyList<DeletionOutcome>>(nameof(DeleteImageDigestsActivity), request, options);

    public static Task<bool> ReleaseCleanupLeaseAsync(this TaskOrchestrationContext context, CleanupLeaseRequest request, TaskOptions options) =>
        context.CallActivityAsync<bool>(nameof(ReleaseCleanupLeaseActivity), request, options);

    public static Task<bool> RecordCleanupAsync(this TaskOrchestrationContext context, CleanupRecord record, TaskOptions options) =>
        context.CallActivityAsync<bool>(nameof(RecordCleanupActivity), record, options);

    public static Task<CleanupSummary?> ReadCleanupAsync(this TaskOrchestrationContext context, CleanupRecordRequest request, TaskOptions options) =>
        context.CallActivityAsync<CleanupSummary?>(nameof(ReadCleanupActivity), request, options);

    public static Task<TrackedBuild> TrackBuiltImageAsync(this TaskOrchestrationContext context, TrackBuiltImageRequest request, TaskOptions options) =>
        context.CallActivityAsync<TrackedBuild>(nameof(TrackBuiltImageActivity), request, options);
}
