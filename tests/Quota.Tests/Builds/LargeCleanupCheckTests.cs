using Microsoft.Extensions.DependencyInjection;
using Orbit.Functions.Builds;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// A cleanup the check carries out that is too large for the workspace's history (more than
/// <see cref="CleanupRecord.MaxDeletions"/> deletions): the app's own activities over a real registry and a real Azurite.
/// The check returns what the status shows, as for a small one, and the build's output still gets every deletion.
/// </summary>
public sealed class LargeCleanupCheckTests(BuildActivitiesFixture fixture) : IClassFixture<BuildActivitiesFixture>
{
    [Fact]
    public async Task A_check_returns_what_the_status_shows_of_a_cleanup_too_large_for_the_history_and_the_build_reads_back_every_deletion()
    {
        // Batches of 100 and time enough for all of them, on this test's four DELETE slots.
        await using var services = fixture.CreateServices(settings => (settings.InlineBatchSize, settings.InlineCleanupBudget) = (100, TimeSpan.FromMinutes(2)));
        // 1,030 images of ws/api at 90% of the quota and a 1% target: all but about eleven of them go.
        var workspace = await fixture.SeedAboveTriggerAsync(services, 1030, quota => new QuotaPolicy(quota, WarnPercent: 1, TargetPercent: 1));

        var check = await services.GetRequiredService<CheckQuotaActivity>().RunAsync(new CheckQuotaRequest(workspace, "build-1", 0), CancellationToken.None);

        var recorded = check.CarriedOut?.Recorded ?? throw new InvalidOperationException("The check did not carry out the whole plan and keep it whole.");
        Assert.True(recorded.KeptApart);
        Assert.True(recorded.Totals.Planned > CleanupRecord.MaxDeletions, $"the plan deleted {recorded.Totals.Planned} images");
        var readBack = recorded.ReadBack(workspace, "build-1");
        var summary = await services.GetRequiredService<ReadCleanupActivity>().RunAsync(readBack, CancellationToken.None);
        Assert.Equal(recorded.Totals.Planned, summary!.Deletions.Count);
        Assert.All(summary.Deletions, deletion => Assert.Equal("Deleted", deletion.Result));
        Assert.Equal(recorded.Totals, CleanupTotals.Of(summary));
        Assert.Equal(recorded.BuildLogLines, summary.BuildLog.Count);
        // The history keeps the first 1,000 deletions of it and its totals, as for any cleanup of its size.
        var record = await services.GetRequiredService<CleanupHistory>().GetAsync(workspace, "build-1", CancellationToken.None);
        Assert.Equal(CleanupRecord.MaxDeletions, record!.Deletions.Count);
        Assert.Equal(summary.FreedBytes, record.FreedBytes);
    }
}
