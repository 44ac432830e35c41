using Microsoft.Extensions.DependencyInjection;
using Orbit.Functions.Builds;
using Orbit.Quota.Tests.Builds.Replay;
using Orbit.Quota.Tests.Integration;
using Orbit.Quota.Workspaces;
using Orbit.Testing;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The progress of a cleanup the quota check carries out itself: the orchestration's status cannot change while the check
/// runs, so the check writes its progress beside its kept plan and <c>GET /api/builds/{id}</c> shows it (real Azurite and
/// registry; the build orchestration on Durable Task's engine in memory).
/// </summary>
public sealed class InlineCleanupProgressTests(BuildActivitiesFixture fixture) : IClassFixture<BuildActivitiesFixture>
{
    [Fact]
    public async Task A_check_carrying_out_its_plan_writes_its_progress_beside_the_kept_plan_as_batches_finish_for_its_own_build_only()
    {
        // A batch per digest and no interval between writes: the first batch's write is sure to be made.
        await using var services = fixture.CreateServices(settings => (settings.InlineBatchSize, settings.InlineProgressInterval) = (1, TimeSpan.Zero));
        var workspace = await fixture.SeedAboveTriggerAsync(services, 8, quota => new QuotaPolicy(quota, WarnPercent: 40, TargetPercent: 50));

        var check = await services.GetRequiredService<CheckQuotaActivity>().RunAsync(new CheckQuotaRequest(workspace, "build-1", 0), CancellationToken.None);

        var planned = check.CarriedOut!.Recorded!.Totals.Planned;
        Assert.True(planned >= 4, $"the plan deletes {planned} images");
        var plans = services.GetRequiredService<KeptCleanupPlans>();
        // No write after the last batch (the check's result follows at once), and a write still under way when the check
        // returned is not waited for.
        var progress = await Eventually.ReturnsAsync(
            () => plans.ProgressAsync(workspace, "build-1", CancellationToken.None), written => written is not null, TimeSpan.FromSeconds(10), "the check's progress");
        Assert.Equal((planned, planned), (progress!.Planned, progress.Batches));
        Assert.InRange(progress.Finished, 1, planned - 1);
        Assert.Equal((progress.Finished, progress.Finished), (progress.Deleted, progress.BatchesFinished));
        Assert.True(progress.FreedBytes >= progress.Deleted * BuildActivitiesFixture.ImageBytes, $"{progress.FreedBytes} bytes freed by {progress.Deleted} deletions");
        Assert.Null(await plans.ProgressAsync(workspace, "build-2", CancellationToken.None));
        // The plan is still the one a run again of the check resumes, at the version the progress left, on which it writes on.
        var found = await plans.FindAsync(workspace, "build-1", CancellationToken.None);
        Assert.Equal(planned, found!.Plan.Deletions.Count);
        Assert.NotNull(await plans.ReportAsync(workspace, "build-1", found.Version, progress with { Finished = planned }, CancellationToken.None));
    }

    [Fact]
    public async Task A_progress_write_on_a_plan_another_build_has_kept_since_is_refused_and_leaves_that_plan_as_it_is()
    {
        await using var services = fixture.CreateServices();
        var plans = services.GetRequiredService<KeptCleanupPlans>();
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50) with { WorkspaceId = workspace };
        var first = await plans.KeepAsync("build-1", plan, CancellationToken.None);
        await plans.KeepAsync("build-2", plan, CancellationToken.None);

        var written = await plans.ReportAsync(workspace, "build-1", first.Version, new CleanupProgress(3, 1, 1, 10 * MiB, 3, 1), CancellationToken.None);

        Assert.Null(written);
        Assert.Null(await plans.ProgressAsync(workspace, "build-1", CancellationToken.None));
        Assert.Null(await plans.ProgressAsync(workspace, "build-2", CancellationToken.None));
        Assert.NotNull(await plans.FindAsync(workspace, "build-2", CancellationToken.None));
    }

    [Fact]
    public async Task A_build_whose_check_is_carrying_out_its_plan_reads_as_cleaning_up_with_the_progress_the_check_wrote()
    {
        await using var services = fixture.CreateServices();
        var plans = services.GetRequiredService<KeptCleanupPlans>();
        var builds = services.GetRequiredService<BuildConversation>();
        // ws/api, six tags of 10 MiB with the quota full: the three oldest go to reach the 50% target.
        var scenario = new BuildScenario(Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50));
        var checking = new TaskCompletionSource<QuotaCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        scenario.Check = _ => checking.Task;
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());
        var id = await host.StartBuildAsync(Input());
        await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.CheckingQuota);

        // Until the check has kept a plan of this build and said how far it got, the build is checking its quota.
        Assert.Equal((BuildStatus.CheckingQuota, null), await PhaseAndProgressAsync());
        var kept = await plans.KeepAsync(id, scenario.Plan, CancellationToken.None);
        Assert.Equal((BuildStatus.CheckingQuota, null), await PhaseAndProgressAsync());

        var progress = new CleanupProgress(3, 1, 1, 10 * MiB, 3, 1);
        Assert.NotNull(await plans.ReportAsync(Workspace, id, kept.Version, progress, CancellationToken.None));
        var cleaning = await builds.GetAsync(host.Client, id, CancellationToken.None);
        Assert.Equal((BuildStatus.CleaningUp, progress), (cleaning.Phase, cleaning.Progress));
        Assert.Equal("Cleaning up in the quota check: deleted 1 of 3 so far (1 of 3 batches done), 10 MiB freed.", Assert.Single(cleaning.BuildLog));

        // Another build's plan kept since (this one's cleanup is over) is not this build's progress.
        await plans.KeepAsync("another-build", scenario.Plan, CancellationToken.None);
        Assert.Equal((BuildStatus.CheckingQuota, null), await PhaseAndProgressAsync());

        checking.SetResult(scenario.CleanedUpWhole(new CheckQuotaRequest(Workspace, id, 0)));
        await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        Assert.Equal((BuildStatus.ReadyToBuild, null), await PhaseAndProgressAsync());

        async Task<(string? Phase, CleanupProgress? Progress)> PhaseAndProgressAsync()
        {
            var build = await builds.GetAsync(host.Client, id, CancellationToken.None);
            return (build.Phase, build.Progress);
        }
    }
}
