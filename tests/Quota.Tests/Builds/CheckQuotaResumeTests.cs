using Microsoft.Extensions.DependencyInjection;
using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;
using Orbit.Quota.History;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The quota check that carries out its plan (<see cref="CheckQuotaActivity"/>), run again after an attempt that kept
/// its plan and deleted part of it, as after a SIGKILL or a failure: the app's own activity over a real registry and a
/// real Azurite. What it reports must be the plan the first attempt carried out, not a new one.
/// </summary>
public sealed class CheckQuotaResumeTests(BuildActivitiesFixture fixture) : IClassFixture<BuildActivitiesFixture>, IAsyncLifetime
{
    private const int ImageBytes = BuildActivitiesFixture.ImageBytes;

    private ServiceProvider? services;

    public Task InitializeAsync()
    {
        services = fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_check_run_again_resumes_its_kept_plan_and_reports_every_digest_of_it_those_deleted_before_as_already_deleted_with_their_bytes()
    {
        var workspace = await SeedAboveTriggerAsync();
        var store = Get<UsageStore>();
        var usedBefore = (await store.GetUsageAsync(workspace, CancellationToken.None))!.UsedBytes;

        // The attempt that died: it took the lease, kept its plan and deleted its first two digests.
        var plan = await KeptPlanAsync(workspace, "build-1");
        Assert.True(plan.Deletions.Count >= 4, $"the plan deletes {plan.Deletions.Count} images");
        var before = plan.DeletionOrder().Take(2).ToList();
        await Get<PlannedDigestDeleter>().DeleteBatchAsync(workspace, before, plan.PlannedAt, CancellationToken.None);

        var check = await Get<CheckQuotaActivity>().RunAsync(new CheckQuotaRequest(workspace, "build-1", 0), CancellationToken.None);

        var summary = await CarriedOutAsync(check, workspace, "build-1");
        Assert.Null(check.Plan);
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest), summary.Deletions.Select(deletion => deletion.Digest));
        var earlier = before.Select(digest => digest.Digest).ToHashSet();
        Assert.All(summary.Deletions, deletion => Assert.Equal(earlier.Contains(deletion.Digest) ? "AlreadyDeleted" : "Deleted", deletion.Result));
        Assert.All(summary.Deletions, deletion => Assert.True(deletion.FreedBytes >= ImageBytes, $"{deletion.Digest} freed {deletion.FreedBytes} bytes"));
        // The bytes reported are the usage's drop, the first attempt's included, and the plan's header is the first attempt's.
        var usedAfter = (await store.GetUsageAsync(workspace, CancellationToken.None))!.UsedBytes;
        Assert.Equal((usedBefore - usedAfter, usedAfter, plan.UsedBytesBefore), (summary.FreedBytes, summary.UsedBytesAfter, summary.UsedBytesBefore));
        // The lease is given back.
        Assert.True((await Get<CleanupLeases>().TryAcquireAsync(workspace, "build-2", TimeSpan.FromMinutes(1), CancellationToken.None)).Acquired);
    }

    [Fact]
    public async Task A_check_does_not_resume_its_kept_plan_once_another_build_has_held_the_lease_since_and_checks_again()
    {
        var workspace = await SeedAboveTriggerAsync();
        var leases = Get<CleanupLeases>();

        // The attempt that died kept its plan and deleted two digests; its lease lapsed (given back here), and a build that
        // keeps no plan of its own (its cleanup fanned out) held the lease and gave it back.
        var plan = await KeptPlanAsync(workspace, "build-1");
        var before = plan.DeletionOrder().Take(2).ToList();
        await Get<PlannedDigestDeleter>().DeleteBatchAsync(workspace, before, plan.PlannedAt, CancellationToken.None);
        await leases.ReleaseAsync(workspace, "build-1", CancellationToken.None);
        Assert.True((await leases.TryAcquireAsync(workspace, "build-2", TimeSpan.FromMinutes(1), CancellationToken.None)).Acquired);
        await leases.ReleaseAsync(workspace, "build-2", CancellationToken.None);

        var check = await Get<CheckQuotaActivity>().RunAsync(new CheckQuotaRequest(workspace, "build-1", 0), CancellationToken.None);

        // Checked again from the records as they are: the two deletions brought the workspace below its trigger, so nothing
        // is planned (resumed, the stale plan would have been carried out and reported whole), and the lease is free.
        Assert.Null(check.CarriedOut);
        Assert.Empty(check.Plan!.Deletions);
        Assert.Null(await Get<CleanupHistory>().GetAsync(workspace, "build-1", CancellationToken.None));
        Assert.True((await leases.TryAcquireAsync(workspace, "build-3", TimeSpan.FromMinutes(1), CancellationToken.None)).Acquired);
    }

    [Fact]
    public async Task A_check_never_resumes_a_plan_another_build_kept()
    {
        var workspace = await SeedAboveTriggerAsync();

        // Build 1 kept a plan of one deletion (a plan it never carried out) and let the lease go.
        var kept = await KeptPlanAsync(workspace, "build-1", plan => plan with { Deletions = plan.Deletions.Take(1).ToList() });
        await Get<CleanupLeases>().ReleaseAsync(workspace, "build-1", CancellationToken.None);

        var check = await Get<CheckQuotaActivity>().RunAsync(new CheckQuotaRequest(workspace, "build-2", 0), CancellationToken.None);

        var summary = await CarriedOutAsync(check, workspace, "build-2");
        Assert.True(summary.Deletions.Count > 1, $"build 2 reported {summary.Deletions.Count} deletions");
        Assert.All(summary.Deletions, deletion => Assert.Equal("Deleted", deletion.Result));
        Assert.Contains(kept.Deletions[0].Digest, summary.Deletions.Select(deletion => deletion.Digest));
    }

    /// <summary>
    /// The whole summary of a cleanup the check carried out: the check returns what the status shows, the history has the
    /// whole, as the build reads it back for its output; both say the same totals.
    /// </summary>
    private async Task<CleanupSummary> CarriedOutAsync(QuotaCheck check, WorkspaceId workspace, string build)
    {
        var recorded = check.CarriedOut?.Recorded ?? throw new InvalidOperationException("The check did not carry out the whole plan and keep it in the history.");
        var record = await Get<CleanupHistory>().GetAsync(workspace, build, CancellationToken.None) ?? throw new InvalidOperationException("The history has no record of the cleanup.");
        var summary = CleanupSummary.From(record);
        Assert.Equal(CleanupTotals.Of(summary), recorded.Totals);
        Assert.Equal(summary.BuildLog.Count, recorded.BuildLogLines);
        return summary;
    }

    /// <summary>Eight images of ws/api at 90% of the quota, with a 50% target: half of them go.</summary>
    private Task<WorkspaceId> SeedAboveTriggerAsync() =>
        fixture.SeedAboveTriggerAsync(services!, 8, quota => new QuotaPolicy(quota, WarnPercent: 40, TargetPercent: 50));

    /// <summary>What a check's attempt does before its first DELETE: take the lease, plan, keep the plan.</summary>
    private async Task<PlannedCleanup> KeptPlanAsync(WorkspaceId workspace, string build, Func<PlannedCleanup, PlannedCleanup>? adjust = null)
    {
        Assert.True((await Get<CleanupLeases>().TryAcquireAsync(workspace, build, TimeSpan.FromMinutes(1), CancellationToken.None)).Acquired);
        var plannedAt = DateTimeOffset.UtcNow;
        var plan = PlannedCleanup.From(workspace, await Get<WorkspaceCleanupPlanner>().PlanAsync(workspace, 0, CancellationToken.None), 0, plannedAt, whole: false);
        plan = (adjust ?? (p => p))(plan);
        await Get<KeptCleanupPlans>().KeepAsync(build, plan, CancellationToken.None);
        return plan;
    }

    private T Get<T>()
        where T : notnull => services!.GetRequiredService<T>();
}
