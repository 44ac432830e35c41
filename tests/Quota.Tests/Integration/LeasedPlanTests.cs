using Microsoft.Extensions.Logging.Abstractions;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Tests.Integration;

[Collection(QuotaAppCollection.Name)]
public sealed class LeasedPlanTests(QuotaAppFixture fixture)
{
    // 12 seeded images use 91,269 bytes: over the 80 % trigger of 100,000.
    private const long QuotaBytes = 100_000;

    [Fact]
    public async Task A_plan_made_while_the_lease_is_taken_reads_the_workspace_in_one_query_between_the_trigger_checks_row_read_and_one_more()
    {
        var (store, counter) = UsageTableSeeder.CountingStore(fixture);
        var (workspace, _) = await UsageTableSeeder.SeedAsync(store, 12, QuotaBytes);
        counter.Clear();

        var leased = await Planner(store).PlanUnderLeaseAsync(await DueAsync(store, workspace), 0, _ => Task.FromResult(Acquired()), CancellationToken.None);

        Assert.True(leased.Lease.Acquired);
        Assert.Equal(91_269, leased.Plan?.UsedBytesBefore);
        Assert.NotEmpty(leased.Plan!.Deletions);
        Assert.Equal(3, counter.Reads);
    }

    [Fact]
    public async Task An_image_tracked_while_the_lease_was_taken_is_in_the_plan()
    {
        var (store, counter) = UsageTableSeeder.CountingStore(fixture);
        var (workspace, _) = await UsageTableSeeder.SeedAsync(store, 12, QuotaBytes);
        var otherHost = new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance);
        counter.Clear();

        var leased = await Planner(store).PlanUnderLeaseAsync(await DueAsync(store, workspace), 0, async token =>
        {
            // The records' read is answered (the trigger check's row and the query) before the push lands, so it is stale when the lease is held.
            while (counter.AnsweredReads < 2)
            {
                await Task.Delay(5, token);
            }

            await otherHost.TrackAsync(UsageTableSeeder.Image(workspace, 12, 5_000), fromEvent: false, token);
            return Acquired();
        }, CancellationToken.None);

        Assert.Equal(96_269, leased.Plan?.UsedBytesBefore);
        // app0 now has five images: the second pass, keeping two, deletes three of them (two before the push).
        Assert.Equal(3, leased.Plan!.Deletions.Count(deletion => deletion.AppId == "app0"));
        Assert.Equal(6, counter.Reads);
    }

    [Fact]
    public async Task No_plan_is_made_while_another_build_holds_the_lease()
    {
        var store = new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance);
        var (workspace, _) = await UsageTableSeeder.SeedAsync(store, 12, QuotaBytes);
        var held = new CleanupLease(false, "other-build", DateTimeOffset.UtcNow.AddMinutes(5), null);

        var leased = await Planner(store).PlanUnderLeaseAsync(await DueAsync(store, workspace), 0, _ => Task.FromResult(held), CancellationToken.None);

        Assert.Null(leased.Plan);
        Assert.Equal("other-build", leased.Lease.Holder);
    }

    // The owners read the mappings through a table client of their own, so the store's counter counts the planner's reads alone.
    private WorkspaceCleanupPlanner Planner(UsageStore store) =>
        new(store, new RepositoryOwners(fixture.UsageTable, store, new TenantRepositories(TenantRepositories.DefaultPrefix), NullLogger<RepositoryOwners>.Instance), NullLogger<WorkspaceCleanupPlanner>.Instance);

    /// <summary>The trigger check's read of the workspace row, which finds a cleanup due and which the plan starts from.</summary>
    private async Task<WorkspaceRowRead> DueAsync(UsageStore store, WorkspaceId workspace)
    {
        var check = await Planner(store).CheckTriggerAsync(workspace, 0, CancellationToken.None);
        Assert.Null(check.BelowTrigger);
        return check.Read;
    }

    private static CleanupLease Acquired() => new(true, "this-build", DateTimeOffset.UtcNow.AddMinutes(5), null);
}
