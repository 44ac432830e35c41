using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Orbit.Functions.Builds;
using Orbit.Functions.Quota;
using Orbit.Quota.History;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>
/// The build's activities as one scenario plays them. Each stand-in receives the orchestrator's real request (through
/// the engine and the app's JSON), keeps it for the test to look at, and answers as the scenario says; an answer that
/// throws is an activity failure, as a real activity's exception is. By default the registry deletes whatever it is
/// asked to (freeing what the plan said), the history and the lease take what they are given, and the pushed image is
/// tracked as sent.
/// </summary>
internal sealed class BuildScenario
{
    private const long ImageBytes = 7 * 1024 * 1024;

    public BuildScenario(PlannedCleanup plan)
    {
        Plan = plan;
        Check = _ => Task.FromResult(QuotaCheck.Leased(plan));
        Delete = request => Task.FromResult(DeletedAsPlanned(plan, request));
        CarryOut = request => Task.FromResult(CarriedOutWhole(request));
        ReadCleanup = _ => Task.FromResult<CleanupSummary?>(WholeSummary(null));
        UsageAfter = UsageResponse.From(new WorkspaceUsage(plan.WorkspaceId, new QuotaPolicy(plan.QuotaBytes), plan.ProjectedBytesAfter - plan.EstimatedBytes + ImageBytes, 1));
    }

    public PlannedCleanup Plan { get; }

    /// <summary>By default the check finds a cleanup due and takes the lease for it.</summary>
    public Func<CheckQuotaRequest, Task<QuotaCheck>> Check { get; set; }

    public Func<DeleteDigestsRequest, Task<IReadOnlyList<DeletionOutcome>>> Delete { get; set; }

    /// <summary>By default the inline part (called when the check gives it a budget) deletes the whole plan, as planned.</summary>
    public Func<CarryOutCleanupRequest, Task<CarriedOutCleanup>> CarryOut { get; set; }

    public Func<CleanupRecord, Task> Record { get; set; } = _ => Task.CompletedTask;

    /// <summary>By default the history has the whole summary of the plan done as planned (what <see cref="CleanedUpWhole"/> recorded).</summary>
    public Func<CleanupRecordRequest, Task<CleanupSummary?>> ReadCleanup { get; set; }

    public Func<CleanupLeaseRequest, Task> Release { get; set; } = _ => Task.CompletedTask;

    /// <summary>The workspace's usage once the image is tracked.</summary>
    public UsageResponse UsageAfter { get; }

    public ConcurrentQueue<CheckQuotaRequest> Checks { get; } = new();

    public ConcurrentQueue<DeleteDigestsRequest> Deletes { get; } = new();

    public ConcurrentQueue<CarryOutCleanupRequest> CarryOuts { get; } = new();

    public ConcurrentQueue<CleanupRecord> Records { get; } = new();

    public ConcurrentQueue<CleanupLeaseRequest> Releases { get; } = new();

    public ConcurrentQueue<CleanupRecordRequest> ReadCleanups { get; } = new();

    public ConcurrentQueue<TrackBuiltImageRequest> Tracks { get; } = new();

    /// <summary>The activities called, in the order their calls arrived.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Every digest of the request deleted, each freeing what the plan said it would.</summary>
    public static IReadOnlyList<DeletionOutcome> DeletedAsPlanned(PlannedCleanup plan, DeleteDigestsRequest request) =>
        [.. request.Digests.Select(digest => Deleted(plan, digest))];

    public static DeletionOutcome Deleted(PlannedCleanup plan, DigestToDelete digest) =>
        new(digest.Repository, digest.Digest, digest.Tags, "Deleted", plan.Deletions.Single(planned => planned.Digest == digest.Digest).FreedBytes, "deleted", digest.Reason);

    /// <summary>What the inline part reports when it did the whole plan: every digest deleted as planned, summarized as the activity does (fail-open).</summary>
    public CarriedOutCleanup CarriedOutWhole(CarryOutCleanupRequest request) =>
        new([], CleanupReport.Summarize(request.Header, [.. request.Digests.Select(digest => Deleted(Plan, digest))], request.WaitedFor, failClosed: false));

    /// <summary>
    /// What a check that carried out the whole plan itself returns when it kept it whole (in the history, or apart from it):
    /// what the status shows of every digest deleted as planned (fail-open), no plan.
    /// </summary>
    public QuotaCheck CleanedUpWhole(CheckQuotaRequest request, bool keptApart = false) =>
        QuotaCheck.CleanedUp(new([], null, RecordedCleanup.Of(WholeSummary(request.WaitedFor), keptApart)));

    /// <summary>The plan done as planned, summarized as the check does (fail-open).</summary>
    public CleanupSummary WholeSummary(string? waitedFor) =>
        CleanupReport.Summarize(Plan, [.. Plan.DeletionOrder().Select(digest => Deleted(Plan, digest))], waitedFor, failClosed: false);

    public void Register(DurableTaskRegistry tasks)
    {
        tasks.AddActivityFunc<CheckQuotaRequest, QuotaCheck>(nameof(CheckQuotaActivity), (_, request) => Called(nameof(CheckQuotaActivity), Checks, request, Check));
        tasks.AddActivityFunc<DeleteDigestsRequest, IReadOnlyList<DeletionOutcome>>(nameof(DeleteImageDigestsActivity), (_, request) => Called(nameof(DeleteImageDigestsActivity), Deletes, request, Delete));
        tasks.AddActivityFunc<CarryOutCleanupRequest, CarriedOutCleanup>(nameof(CarryOutCleanupActivity), (_, request) => Called(nameof(CarryOutCleanupActivity), CarryOuts, request, CarryOut));
        tasks.AddActivityFunc<CleanupRecord, bool>(nameof(RecordCleanupActivity), (_, record) => Called(nameof(RecordCleanupActivity), Records, record, async given => { await Record(given); return true; }));
        tasks.AddActivityFunc<CleanupLeaseRequest, bool>(nameof(ReleaseCleanupLeaseActivity), (_, request) => Called(nameof(ReleaseCleanupLeaseActivity), Releases, request, async given => { await Release(given); return true; }));
        tasks.AddActivityFunc<CleanupRecordRequest, CleanupSummary?>(nameof(ReadCleanupActivity), (_, request) => Called(nameof(ReadCleanupActivity), ReadCleanups, request, ReadCleanup));
        tasks.AddActivityFunc<TrackBuiltImageRequest, TrackedBuild>(nameof(TrackBuiltImageActivity), (_, request) => Called(nameof(TrackBuiltImageActivity), Tracks, request, given => Task.FromResult(Tracked(given))));
    }

    private TrackedBuild Tracked(TrackBuiltImageRequest request) => new(
        ImageResponse.From(new ImageSummary(
            request.WorkspaceId, request.AppId, request.Repository, request.Tag, request.Digest ?? throw new InvalidOperationException("The scenario's build system always sends the digest."),
            "application/vnd.oci.image.manifest.v1+json", Plan.PlannedAt, ImageBytes, ImageBytes)),
        UsageAfter);

    private Task<TResult> Called<TRequest, TResult>(string activity, ConcurrentQueue<TRequest> requests, TRequest request, Func<TRequest, Task<TResult>> answer)
    {
        Calls.Enqueue(activity);
        requests.Enqueue(request);
        return answer(request);
    }
}
