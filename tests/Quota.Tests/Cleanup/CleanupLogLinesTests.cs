using Orbit.Quota.Cleanup;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Cleanup;

public sealed class CleanupLogLinesTests
{
    private const long MiB = 1L << 20;
    private const long GiB = 1L << 30;

    [Fact]
    public void Build_log_lines_name_every_deletion()
    {
        ImageRecord[] images =
        [
            Image("api", "1.4.0", 1, "m14", [("l14", 412 * MiB)]),
            Image("api", "1.4", 2, "m14", [("l14", 412 * MiB)]),
            Image("api", "1.5.0", 3, "m15", [("l15", 1 * GiB)]),
            Image("api", "1.6.0", 4, "m16", [("l16", 2 * GiB)]),
            Image("api", "1.7.0", 5, "m17", [("l17", 2 * GiB)]),
            Image("api", "1.8.0", 6, "m18", [("l18", 3 * GiB)]),
        ];

        var lines = CleanupPlanner.Plan(images, UsageOf(images, 10 * GiB)).BuildLogLines();

        Assert.Equal(
            [
                "Freed 1.4 GiB: deleted 2 images; usage 84.0% -> 70.0% of 10 GiB (target 70%).",
                $"deleted ws/api:1.4, ws/api:1.4.0 ({Short("m14")}, 412 MiB freed): oldest beyond newest 3",
                $"deleted ws/api:1.5.0 ({Short("m15")}, 1 GiB freed): oldest beyond newest 3",
                $"kept ws/api:1.6.0 ({Short("m16")}): within the newest 3 of app api",
                $"kept ws/api:1.7.0 ({Short("m17")}): within the newest 3 of app api",
                $"kept ws/api:1.8.0 ({Short("m18")}): within the newest 3 of app api",
            ],
            lines);
    }

    [Fact]
    public void Build_log_lines_say_nothing_was_deleted_below_the_trigger()
    {
        var usage = new WorkspaceUsage(Workspace, new QuotaPolicy(10 * GiB), 52 * GiB / 10, 0);

        var lines = CleanupPlanner.Plan([], usage).BuildLogLines();

        Assert.Equal(["Usage 52.0% of 10 GiB, below the 80% cleanup trigger: nothing deleted."], lines);
    }

    [Fact]
    public void Build_log_lines_explain_why_the_target_is_unreachable_and_what_was_kept()
    {
        ImageRecord[] images =
        [
            Image("api", "latest", 1, "old", [("l0", 3 * GiB)]),
            Image("api", "v1", 2, "m1", [("l1", 2 * GiB)]),
            Image("api", "v2", 3, "m2", [("l2", 2 * GiB)]),
            Image("api", "v3", 4, "m3", [("l3", 2 * GiB)]),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 10 * GiB));
        var lines = plan.BuildLogLines();

        Assert.Equal(
            [
                "Freed 2 GiB: deleted 1 image; usage 90.0% -> 70.0% of 10 GiB (target 70%).",
                $"deleted ws/api:v1 ({Short("m1")}, 2 GiB freed): oldest beyond newest 2 (second pass)",
                $"kept ws/api:latest ({Short("old")}): carries latest, which is never deleted",
                $"kept ws/api:v2 ({Short("m2")}): within the newest 2 of app api",
                $"kept ws/api:v3 ({Short("m3")}): within the newest 2 of app api",
            ],
            lines);

        var unreachable = CleanupPlanner.Plan(images, UsageOf(images, 9 * GiB)).BuildLogLines();
        Assert.Equal(
            "Freed 2 GiB: deleted 1 image; usage 100.0% -> 77.8% of 9 GiB; target 70% unreachable: the 3 tags left are protected (2 among their app's newest 2, 1 on a digest tagged latest).",
            unreachable[0]);
    }

    [Fact]
    public void Build_log_lines_cap_the_kept_images_and_count_the_rest_by_reason_the_least_expected_first()
    {
        // 30 apps whose oldest tag is latest: 90 kept images, more than a build log should list.
        ImageRecord[] images =
        [
            .. Enumerable.Range(1, 30).SelectMany(app => new[]
            {
                Image($"app{app}", "latest", 0, $"a{app}-latest", [($"a{app}-l0", 10)]),
                Image($"app{app}", "v1", 1, $"a{app}-v1", [($"a{app}-l1", 10)]),
                Image($"app{app}", "v2", 2, $"a{app}-v2", [($"a{app}-l2", 10)]),
                Image($"app{app}", "v3", 3, $"a{app}-v3", [($"a{app}-l3", 10)]),
            }),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 1200));
        var lines = plan.BuildLogLines(maxKeptLines: 5);

        Assert.Equal(90, plan.Kept.Count);
        Assert.Equal(30, plan.Deletions.Count);
        Assert.Equal(1 + 30 + 5 + 1, lines.Count);
        Assert.All(lines.Skip(31).Take(5), line => Assert.EndsWith("carries latest, which is never deleted", line));
        Assert.Equal("kept 85 more images (25 carrying latest, 60 among their app's newest); the plan lists them all.", lines[^1]);
    }

    private static string Short(string manifest) => Named(manifest).Value[..19] + "…";
}
