using System.Text.Json;
using Orbit.Functions.Builds;
using Orbit.Functions.Hosting;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Builds;

public sealed class CleanupReportTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void While_deleting_the_log_is_two_lines_however_many_deletions_are_planned()
    {
        var plan = Plan(Enumerable.Range(0, 500).Select(index => Planned($"sha256:{index:x64}", 2 * MiB)).ToList(), usedBefore: 2_000 * MiB, quota: 2_000 * MiB);

        var status = CleanupReport.InProgress(plan, batches: 25, finished: [], batchesFinished: 0);

        Assert.Equal(
            [
                "Cleaning up: deleting 500 images in 25 batches to free 1000 MiB; usage 100.0% -> 50.0% of 2 GiB when done (target 70%).",
                "Deleted 0 of 500 so far (0 of 25 batches done), 0 B freed.",
            ],
            status.BuildLog);
        Assert.Equal(BuildStatus.CleaningUp, status.Phase);
    }

    [Fact]
    public void While_deleting_one_image_the_line_says_so_in_the_singular()
    {
        var plan = Plan([Planned($"sha256:{1:x64}", 300 * MiB)], usedBefore: 900 * MiB, quota: 1_000 * MiB);

        var status = CleanupReport.InProgress(plan, batches: 1, finished: [], batchesFinished: 0);

        Assert.StartsWith("Cleaning up: deleting 1 image in 1 batch to free 300 MiB; usage 90.0% -> 60.0%", status.BuildLog[0]);
    }

    [Fact]
    public void Progress_counts_the_finished_deletions_and_the_bytes_they_freed_and_not_the_failed_ones()
    {
        var deletions = Enumerable.Range(0, 4).Select(index => Planned($"sha256:{index:x64}", 10 * MiB)).ToList();
        var plan = Plan(deletions, usedBefore: 900 * MiB, quota: 1_000 * MiB);
        DeletionOutcome[] finished =
        [
            Outcome(deletions[0], "Deleted", 10 * MiB),
            Outcome(deletions[1], "AlreadyDeleted", 0),
            Outcome(deletions[2], DeletionOutcome.Failed, 0),
        ];

        var status = CleanupReport.InProgress(plan, batches: 2, finished, batchesFinished: 1);

        Assert.Equal(new CleanupProgress(Planned: 4, Finished: 3, Deleted: 2, FreedBytes: 10 * MiB, Batches: 2, BatchesFinished: 1), status.Progress);
        Assert.Equal("Deleted 2 of 4 so far (1 of 2 batches done), 10 MiB freed.", status.BuildLog[1]);
    }

    [Fact]
    public void A_finished_cleanup_carries_its_build_log_once_beside_the_summary()
    {
        var deletion = Planned($"sha256:{7:x64}", 10 * MiB);
        var plan = Plan([deletion], usedBefore: 900 * MiB, quota: 1_000 * MiB) with { KeptLog = ["the plan's kept line"] };

        var reported = CleanupReport.Summarize(plan, [Outcome(deletion, "Deleted", 10 * MiB)], waitedFor: null, failClosed: false);

        Assert.Equal(3, reported.BuildLog.Count);
        Assert.Equal("the plan's kept line", reported.BuildLog[^1]);
        Assert.Equal(10 * MiB, reported.FreedBytes);
        Assert.Equal(890 * MiB, reported.UsedBytesAfter);
    }

    [Fact]
    public void The_summary_counts_what_the_deletions_really_freed_from_the_usage_without_the_estimate_and_the_lines_say_the_same()
    {
        // Planned with a 100 MiB estimate: 900 MiB used + 100 MiB. The two digests share a layer, so which one frees it
        // depends on which is untracked first; here the second went first (the registry's delete event overtook the first).
        var first = Planned($"sha256:{1:x64}", 300 * MiB);
        var second = Planned($"sha256:{2:x64}", 200 * MiB);
        var plan = Plan([first, second], usedBefore: 1_000 * MiB, quota: 1_000 * MiB) with { EstimatedBytes = 100 * MiB };
        DeletionOutcome[] outcomes =
        [
            Outcome(first, "Deleted", 100 * MiB),
            Outcome(second, "Deleted", 400 * MiB) with { Detail = "deleted (the registry's delete event untracked it first)" },
        ];

        var reported = CleanupReport.Summarize(plan, outcomes, waitedFor: null, failClosed: false);

        Assert.Equal((900 * MiB, 500 * MiB, 400 * MiB), (reported.UsedBytesBefore, reported.FreedBytes, reported.UsedBytesAfter));
        Assert.Equal(
            [
                "Planned with 100 MiB estimated for this build's image counted as used.",
                "Freed 500 MiB: deleted 2 images; usage 90.0% -> 40.0% of 1000 MiB (target 70%).",
                $"deleted ws/api:v1 (sha256:000000000000…, 100 MiB freed): oldest beyond newest 3",
                $"deleted ws/api:v1 (sha256:000000000000…, 400 MiB freed): oldest beyond newest 3",
            ],
            reported.BuildLog);
    }

    [Theory]
    [InlineData(false, "1 of 2 deletions failed. Building anyway: quota checks fail open (set Builds:FailClosed to stop builds instead).")]
    [InlineData(true, "1 of 2 deletions failed. Not building: Builds:FailClosed is set.")]
    public void A_failed_deletion_is_summed_up_with_what_the_build_does_about_it(bool failClosed, string line)
    {
        var deleted = Planned($"sha256:{1:x64}", 10 * MiB);
        var refused = Planned($"sha256:{2:x64}", 10 * MiB);
        var plan = Plan([deleted, refused], usedBefore: 900 * MiB, quota: 1_000 * MiB);

        var reported = CleanupReport.Summarize(plan, [Outcome(deleted, "Deleted", 10 * MiB), Outcome(refused, DeletionOutcome.Failed, 0)], waitedFor: null, failClosed);

        Assert.Equal(line, reported.BuildLog[^1]);
        Assert.Equal($"1 of 2 deletions failed: ws/api:v1 ({Orbit.Quota.Cleanup.CleanupLogLines.ShortDigest(refused.Digest.Value)}): {DeletionOutcome.Failed}", reported.Error);
    }

    [Theory]
    [InlineData(false, "Quota check failed: storage is down. Building anyway: quota checks fail open (set Builds:FailClosed to stop builds instead).")]
    [InlineData(true, "Quota check failed: storage is down. Not building: Builds:FailClosed is set.")]
    public void A_failed_check_is_summed_up_with_what_the_build_does_about_it(bool failClosed, string line) =>
        Assert.Equal([line], CleanupReport.CheckFailed("storage is down", waitedFor: null, failClosed).BuildLog);

    [Fact]
    public void A_summary_kept_in_the_history_reads_back_as_the_same_summary()
    {
        var deleted = Planned($"sha256:{1:x64}", 10 * MiB);
        var refused = Planned($"sha256:{2:x64}", 10 * MiB);
        var plan = Plan([deleted, refused], usedBefore: 950 * MiB, quota: 1_000 * MiB);
        var reported = CleanupReport.Summarize(
            plan, [Outcome(deleted, "Deleted", 10 * MiB) with { Tags = [Tag.Parse("v1"), Tag.Parse("stable")] }, Outcome(refused, DeletionOutcome.Failed, 0)], waitedFor: "build-7", failClosed: false);

        var read = CleanupSummary.From(reported.ToRecord(plan.WorkspaceId, "build-8", DateTimeOffset.UnixEpoch.AddHours(1), DateTimeOffset.UnixEpoch));

        Assert.Equal(JsonSerializer.Serialize(reported, AppJson.Options), JsonSerializer.Serialize(read, AppJson.Options));
    }

    private static PlannedDigest Planned(string digest, long freed) =>
        new(RepositoryName.Parse("ws/api"), Digest.Parse(digest), [Tag.Parse("v1")], "api", DateTimeOffset.UnixEpoch, freed, 0, 1, "oldest beyond newest 3");

    private static DeletionOutcome Outcome(PlannedDigest planned, string result, long freed) =>
        new(planned.Repository, planned.Digest, planned.Tags, result, freed, result, planned.Reason);

    private static PlannedCleanup Plan(IReadOnlyList<PlannedDigest> deletions, long usedBefore, long quota) =>
        new(Workspace("ws"), quota, 80, 70, usedBefore, 0, usedBefore - deletions.Sum(d => d.FreedBytes), quota * 80 / 100, quota * 70 / 100,
            "TargetReached", "target reached", deletions, [], [], [], DateTimeOffset.UnixEpoch);

    private static WorkspaceId Workspace(string text) => WorkspaceId.TryParse(text, out var id) ? id : throw new ArgumentException(text);
}
