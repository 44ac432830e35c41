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

    private static PlannedDigest Planned(string digest, long freed) =>
        new("ws/api", digest, ["v1"], "api", DateTimeOffset.UnixEpoch, freed, 0, 1, "oldest beyond newest 3");

    private static PlannedCleanup Plan(IReadOnlyList<PlannedDigest> deletions, long usedBefore, long quota) =>
        new("ws", quota, 80, 70, usedBefore, 0, usedBefore - deletions.Sum(d => d.FreedBytes), quota * 80 / 100, quota * 70 / 100,
            "TargetReached", "target reached", deletions, [], []);
}
