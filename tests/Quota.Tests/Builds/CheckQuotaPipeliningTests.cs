using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Functions.Builds;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// What the quota check that carries out its plan (<see cref="CheckQuotaActivity"/>) does side by side on its way to its
/// first DELETE, and what it never does before another thing: the app's own activity over a real registry and a real
/// Azurite whose plan uploads answer late.
/// </summary>
public sealed class CheckQuotaPipeliningTests(BuildActivitiesFixture fixture) : IClassFixture<BuildActivitiesFixture>
{
    private static readonly TimeSpan UploadDelay = TimeSpan.FromSeconds(1);

    private static readonly string PlanContainer = new BuildOptions().CleanupPlanContainer;

    [Fact]
    public async Task The_first_batches_read_their_records_while_the_plan_is_kept_and_no_delete_goes_out_before_it_is()
    {
        var blobs = new StorageRequestTimeline(IsPlanUpload, UploadDelay);
        var tables = new StorageRequestTimeline(_ => false, TimeSpan.Zero);
        var deletesSentAt = new ConcurrentQueue<long>();
        await using var services = fixture.CreateServices(alsoRegister: fixture.Watched(deletesSentAt, tables, blobs));
        var workspace = await SeedAsync(services);

        var check = await services.GetRequiredService<CheckQuotaActivity>().RunAsync(new CheckQuotaRequest(workspace, "build-1", 0), CancellationToken.None);

        Assert.NotNull(check.CarriedOut?.Recorded);
        var upload = Assert.Single(blobs.Requests, request => request.Delayed);
        Assert.NotEmpty(deletesSentAt);
        Assert.All(deletesSentAt, sent => Assert.True(sent > upload.AnsweredAt,
            $"a DELETE went out {Stopwatch.GetElapsedTime(sent, upload.AnsweredAt).TotalMilliseconds:0} ms before the plan was kept"));
        var readsMeanwhile = tables.Requests.Count(request => request.Method == "GET" && request.SentAt > upload.SentAt && request.AnsweredAt < upload.AnsweredAt);
        Assert.True(readsMeanwhile > 0, "no batch read its records while the plan was being kept");
    }

    [Fact]
    public async Task A_plan_that_could_not_be_kept_is_not_carried_out_at_all()
    {
        var blobs = new StorageRequestTimeline(IsPlanUpload, TimeSpan.Zero, new InvalidOperationException("the storage account refused the plan"));
        var deletesSentAt = new ConcurrentQueue<long>();
        await using var services = fixture.CreateServices(alsoRegister: fixture.Watched(deletesSentAt, blobs: blobs));
        var workspace = await SeedAsync(services);
        var store = services.GetRequiredService<UsageStore>();
        var before = await store.GetUsageAsync(workspace, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => services.GetRequiredService<CheckQuotaActivity>().RunAsync(new CheckQuotaRequest(workspace, "build-1", 0), CancellationToken.None));

        Assert.Equal("the storage account refused the plan", failure.Message);
        Assert.Empty(deletesSentAt);
        Assert.Equal(before, await store.GetUsageAsync(workspace, CancellationToken.None));
    }

    /// <summary>The plan's upload: a PUT of the blob itself, not of its metadata (?comp=metadata, the progress) or its container.</summary>
    private static bool IsPlanUpload(Request request) =>
        request.Method == RequestMethod.Put && request.Uri.Path.Contains($"/{PlanContainer}/", StringComparison.Ordinal) && request.Uri.Query.Length == 0;

    /// <summary>
    /// Eight images at 90% of the quota, with a 50% target: half of them go, in batches of two. The plans' container is made (on its
    /// first use) before the check, so that keeping the plan is its upload alone.
    /// </summary>
    private async Task<WorkspaceId> SeedAsync(ServiceProvider services)
    {
        var workspace = await fixture.SeedAboveTriggerAsync(services, 8, quota => new QuotaPolicy(quota, WarnPercent: 40, TargetPercent: 50));
        Assert.Null(await services.GetRequiredService<KeptCleanupPlans>().FindAsync(workspace, "other-build", CancellationToken.None));
        return workspace;
    }
}
