using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Images;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The cleanup's inline deletions (<see cref="PlannedDigestDeleter.DeleteWithinAsync"/>) over a real registry and a real
/// Azurite whose untrack commits answer late, as a busy storage account's do.
/// </summary>
public sealed class PlannedDigestDeleterTests(BuildActivitiesFixture fixture) : IClassFixture<BuildActivitiesFixture>
{
    private static readonly TimeSpan CommitDelay = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Batches_whose_deletes_are_answered_make_room_for_the_next_while_their_untracks_commit()
    {
        // Once slowed, the untrack commits (entity-group transactions) answer 2 s late, as a busy account's do.
        var slowed = false;
        var commits = new StorageRequestTimeline(
            request => Volatile.Read(ref slowed) && request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal),
            CommitDelay);
        var deletesSentAt = new ConcurrentQueue<long>();
        // The fixture's 4 DELETE slots, said in the settings too, and the replay tests' batches of 2: four batches (8 digests)
        // send at a time, so in a plan of more a batch has to wait for another to make room.
        await using var services = fixture.CreateServices(settings => settings.DeletionParallelism = 4, fixture.Watched(deletesSentAt, tables: commits));
        var workspace = await fixture.SeedAboveTriggerAsync(services, 16, quota => new QuotaPolicy(quota, WarnPercent: 10, TargetPercent: 15));
        var plannedAt = DateTimeOffset.UtcNow;
        var plan = PlannedCleanup.From(workspace, await services.GetRequiredService<WorkspaceCleanupPlanner>().PlanAsync(workspace, 0, CancellationToken.None), 0, plannedAt, whole: false);
        var digests = plan.Deletions.Select(DigestToDelete.From).ToList();
        Assert.True(digests.Count >= 12, $"the plan deletes {digests.Count} images");

        Volatile.Write(ref slowed, true);
        var outcomes = await services.GetRequiredService<PlannedDigestDeleter>().DeleteWithinAsync(
            workspace, digests, plannedAt, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(digests.Select(digest => digest.Digest.Value).Order(), outcomes.Select(outcome => outcome.Digest.Value).Order());
        Assert.All(outcomes, outcome => Assert.Equal(nameof(DigestDeletionResult.Deleted), outcome.Result));
        // Every DELETE went out before the first commit answered: no batch waited for a commit to start.
        var firstCommitAnswered = commits.Requests.Where(request => request.Delayed).Min(request => request.AnsweredAt);
        var lastDeleteSent = deletesSentAt.Max();
        Assert.True(lastDeleteSent < firstCommitAnswered,
            $"the last DELETE went out {Stopwatch.GetElapsedTime(firstCommitAnswered, lastDeleteSent).TotalMilliseconds:0} ms after the first commit answered ({CommitDelay.TotalMilliseconds:0} ms late)");
        // And the accounting holds none of them.
        var tracked = await services.GetRequiredService<UsageStore>().ListRepositoriesImagesAsync(workspace, digests.Select(digest => digest.Repository).Distinct(), CancellationToken.None);
        var deleted = digests.Select(digest => digest.Digest).ToHashSet();
        Assert.DoesNotContain(tracked, record => deleted.Contains(record.Digest));
    }
}
