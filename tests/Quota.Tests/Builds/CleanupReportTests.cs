using Orbit.Functions.Builds;

namespace Orbit.Quota.Tests.Builds;

public sealed class CleanupReportTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void While_deleting_the_log_is_one_line_however_many_deletions_are_planned()
    {
        var plan = Plan(Enumerable.Range(0, 500).Select(index => Planned($"sha256:{index:x64}", 2 * MiB)).ToList(), usedBefore: 2_000 * MiB, quota: 2_000 * MiB);

        var lines = CleanupReport.InProgress(plan, batches: 25);

        Assert.Equal(
            ["Cleaning up: deleting 500 images in 25 batches to free 1000 MiB; usage 100.0% -> 50.0% of 2 GiB when done (target 70%)."],
            lines);
    }

    [Fact]
    public void While_deleting_one_image_the_line_says_so_in_the_singular()
    {
        var plan = Plan([Planned($"sha256:{1:x64}", 300 * MiB)], usedBefore: 900 * MiB, quota: 1_000 * MiB);

        var line = Assert.Single(CleanupReport.InProgress(plan, batches: 1));

        Assert.StartsWith("Cleaning up: deleting 1 image in 1 batch to free 300 MiB; usage 90.0% -> 60.0%", line);
    }

    [Fact]
    public void The_summary_counts_what_the_deletions_really_freed_from_the_usage_without_the_estimate_and_the_lines_say_the_same()
    {
        // Planned with a 100 MiB estimate: 900 MiB used + 100 MiB. The two digests share a layer, so which one frees it
        // depends on which is untracked first; here the second went first (the registry's delete event overtook the first).
        var plan = Plan([Planned($"sha256:{1:x64}", 300 * MiB), Planned($"sha256:{2:x64}", 200 * MiB)], usedBefore: 1_000 * MiB, quota: 1_000 * MiB) with { EstimatedBytes = 100 * MiB };
        DeletionOutcome[] outcomes =
        [
            new("ws/api", $"sha256:{1:x64}", ["v1"], "Deleted", 100 * MiB, "deleted", "oldest beyond newest 3"),
            new("ws/api", $"sha256:{2:x64}", ["v1"], "Deleted", 400 * MiB, "deleted (the registry's delete event untracked it first)", "oldest beyond newest 3"),
        ];

        var summary = CleanupReport.Summarize(plan, outcomes, waitedFor: null);

        Assert.Equal((900 * MiB, 500 * MiB, 400 * MiB), (summary.UsedBytesBefore, summary.FreedBytes, summary.UsedBytesAfter));
        Assert.Equal(
            [
                "Planned with 100 MiB estimated for this build's image counted as used.",
                "Freed 500 MiB: deleted 2 images; usage 90.0% -> 40.0% of 1000 MiB (target 70%).",
                $"deleted ws/api:v1 (sha256:000000000000…, 100 MiB freed): oldest beyond newest 3",
                $"deleted ws/api:v1 (sha256:000000000000…, 400 MiB freed): oldest beyond newest 3",
            ],
            summary.BuildLog);
    }

    private static PlannedDigest Planned(string digest, long freed) =>
        new("ws/api", digest, ["v1"], "api", DateTimeOffset.UnixEpoch, freed, 0, 1, "oldest beyond newest 3");

    private static PlannedCleanup Plan(IReadOnlyList<PlannedDigest> deletions, long usedBefore, long quota) =>
        new("ws", quota, 80, 70, usedBefore, 0, usedBefore - deletions.Sum(d => d.FreedBytes), quota * 80 / 100, quota * 70 / 100,
            "TargetReached", "target reached", deletions, [], [], [], DateTimeOffset.UnixEpoch);
}
