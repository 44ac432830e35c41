using Orbit.Quota.Cleanup;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Cleanup;

public sealed class CleanupPlannerTests
{
    [Fact]
    public void Plan_is_empty_below_trigger()
    {
        // 79 of 100 bytes: one byte short of the 80% trigger.
        ImageRecord[] images = [.. Enumerable.Range(1, 6).Select(i => Image("api", $"v{i}", i, $"m{i}", i == 1 ? [("a", 29)] : [($"b{i}", 10)]))];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(79, plan.UsedBytesBefore);
        Assert.Equal(CleanupOutcome.BelowTrigger, plan.Outcome);
        Assert.Empty(plan.Deletions);
        Assert.Empty(plan.Kept);
        Assert.Equal(79, plan.ProjectedBytesAfter);
        Assert.True(plan.TargetReachable);
    }

    [Fact]
    public void Plan_starts_at_exactly_the_trigger()
    {
        ImageRecord[] images = [.. Enumerable.Range(1, 6).Select(i => Image("api", $"v{i}", i, $"m{i}", i == 1 ? [("a", 30)] : [($"b{i}", 10)]))];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(80, plan.UsedBytesBefore);
        Assert.Equal(CleanupOutcome.TargetReached, plan.Outcome);
        Assert.Equal(["ws/api:v1"], plan.DeletedTags());
    }

    [Fact]
    public void Plan_deletes_the_oldest_tags_beyond_the_newest_three_and_stops_at_the_target()
    {
        // Six tags of 15 bytes each: 90 of 100. Deleting v1 leaves 75 (above 70), v2 leaves 60: stop there.
        ImageRecord[] images = [.. Enumerable.Range(1, 6).Select(i => Image("api", $"v{i}", i, $"m{i}", [($"layer{i}", 15)]))];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(["ws/api:v1", "ws/api:v2"], plan.DeletedTags());
        Assert.All(plan.Deletions, deletion => Assert.Equal(1, deletion.Pass));
        Assert.All(plan.Deletions, deletion => Assert.Equal("oldest beyond newest 3", deletion.Reason));
        Assert.Equal([15L, 15L], plan.Deletions.Select(deletion => deletion.FreedBytes));
        Assert.Equal([75L, 60L], plan.Deletions.Select(deletion => deletion.ProjectedBytesAfter));
        Assert.Equal(60, plan.ProjectedBytesAfter);
        Assert.Equal(70, plan.TargetBytes);
        Assert.Equal(80, plan.TriggerBytes);
        Assert.Equal(CleanupOutcome.TargetReached, plan.Outcome);
    }

    [Fact]
    public void Plan_deletes_by_digest_only_when_every_tag_on_it_is_a_candidate()
    {
        // "stable" is the newest tag and points at v1's manifest: deleting v1 by digest would delete stable too.
        ImageRecord[] images =
        [
            Image("api", "v1", 1, "a", [("la", 20)]),
            Image("api", "v2", 2, "b", [("lb", 20)]),
            Image("api", "v3", 3, "c", [("lc", 20)]),
            Image("api", "v4", 4, "d", [("ld", 20)]),
            Image("api", "v5", 5, "e", [("le", 20)]),
            Image("api", "stable", 6, "a", [("la", 20)]),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(["ws/api:v2", "ws/api:v3"], plan.DeletedTags());
        Assert.DoesNotContain(plan.Deletions, deletion => deletion.Digest == Named("a"));
        Assert.Equal([Named("d"), Named("e"), Named("a")], plan.Kept.Select(kept => kept.Digest));
        var shared = plan.Kept[^1];
        Assert.Equal(["stable", "v1"], shared.Tags.Select(tag => tag.Value));
        Assert.Equal(KeepReason.SharesDigestWithKeptTag, shared.Reason);
        Assert.Equal("shares its digest with ws/api:stable, within the newest 3 of app api", shared.Explanation);
        Assert.All(plan.Kept.Take(2), kept => Assert.Equal((KeepReason.WithinNewest, "within the newest 3 of app api"), (kept.Reason, kept.Explanation)));
    }

    [Fact]
    public void Plan_deletes_every_tag_on_a_digest_together_and_orders_by_its_newest_tag()
    {
        // v1 and v1.0 are one manifest, whose newest tag (v1.0, minute 3) is newer than v2 (minute 2): v2 goes first.
        ImageRecord[] images =
        [
            Image("api", "v1", 1, "one", [("l1", 45)]),
            Image("api", "v2", 2, "two", [("l2", 5)]),
            Image("api", "v1.0", 3, "one", [("l1", 45)]),
            Image("api", "v3", 4, "three", [("l3", 10)]),
            Image("api", "v4", 5, "four", [("l4", 10)]),
            Image("api", "v5", 6, "five", [("l5", 10)]),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        // Ranks: v5 v4 v3 v1.0 v2 v1 — everything on "one" and "two" is beyond the newest 3. "two" is older.
        Assert.Equal(2, plan.Deletions.Count);
        Assert.Equal(["ws/api:v2", "ws/api:v1.0", "ws/api:v1"], plan.DeletedTags());
        Assert.Equal(Start.AddMinutes(3), plan.Deletions[1].PushedAt);
        Assert.Equal(["v1.0", "v1"], plan.Deletions[1].Tags.Select(tag => tag.Value));
    }

    [Fact]
    public void The_same_digest_in_two_repositories_is_two_deletions_and_frees_its_layers_with_the_second()
    {
        // One app pushing the same old build to two repositories: each repository has its own manifest to delete,
        // and the layers are freed only when the second copy goes.
        ImageRecord[] images =
        [
            Image("api", "old", 1, "old", [("old-layer", 40)]),
            Image("api", "old", 1, "old", [("old-layer", 40)], repository: "ws/api-mirror"),
            Image("api", "v1", 2, "v1", [("l1", 15)]),
            Image("api", "v2", 3, "v2", [("l2", 15)]),
            Image("api", "v3", 4, "v3", [("l3", 10)]),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(["ws/api:old", "ws/api-mirror:old"], plan.DeletedTags());
        Assert.Equal([0L, 40L], plan.Deletions.Select(deletion => deletion.FreedBytes));
        Assert.Equal(40, plan.ProjectedBytesAfter);
    }

    [Fact]
    public void Plan_never_deletes_latest()
    {
        // latest was pushed first and never moved: the oldest tag, yet it must stay.
        ImageRecord[] images =
        [
            Image("api", "latest", 1, "m0", [("l0", 30)]),
            .. Enumerable.Range(1, 5).Select(i => Image("api", $"v{i}", 1 + i, $"m{i}", [($"l{i}", 14)])),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.DoesNotContain("ws/api:latest", plan.DeletedTags());
        Assert.Equal(["ws/api:v1", "ws/api:v2", "ws/api:v3"], plan.DeletedTags());
        Assert.Equal(2, plan.Deletions.Count(deletion => deletion.Pass == 1));
        Assert.Equal(1, plan.Deletions.Count(deletion => deletion.Pass == 2));
        var kept = Assert.Single(plan.Kept, kept => kept.Reason == KeepReason.CarriesLatest);
        Assert.Equal("carries latest, which is never deleted", kept.Explanation);
        Assert.Equal(["v4", "v5"], plan.Kept.Where(other => other.Reason == KeepReason.WithinNewest).SelectMany(other => other.Tags).Select(tag => tag.Value));
        Assert.True(plan.TargetReachable);
    }

    [Fact]
    public void Plan_never_deletes_a_digest_tagged_latest_even_through_another_tag()
    {
        ImageRecord[] images =
        [
            Image("api", "v1", 1, "shared", [("l1", 40)]),
            Image("api", "v2", 2, "m2", [("l2", 10)]),
            Image("api", "v3", 3, "m3", [("l3", 10)]),
            Image("api", "v4", 4, "m4", [("l4", 10)]),
            Image("api", "latest", 0, "shared", [("l1", 40)]),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 80));

        Assert.DoesNotContain(plan.Deletions, deletion => deletion.Digest == Named("shared"));
        Assert.Contains(plan.Kept, kept => kept.Digest == Named("shared") && kept.Reason == KeepReason.CarriesLatest);
    }

    [Fact]
    public void Plan_never_deletes_an_apps_only_tag()
    {
        ImageRecord[] images = [.. Enumerable.Range(1, 4).Select(i => Image($"app{i}", "v1", i, $"m{i}", [($"l{i}", 25)]))];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Empty(plan.Deletions);
        Assert.Equal(CleanupOutcome.TargetUnreachable, plan.Outcome);
        Assert.Equal("target 70% unreachable: the 4 tags left are protected (4 their app's only tag)", plan.Reason);
    }

    [Fact]
    public void Plan_counts_a_shared_layer_as_freed_only_with_its_last_reference()
    {
        // v1 and v2 share a 30-byte layer nobody else uses: deleting v1 frees only its own 5 bytes, v2 then frees 35.
        ImageRecord[] images =
        [
            Image("api", "v1", 1, "m1", [("shared", 30), ("own1", 5)]),
            Image("api", "v2", 2, "m2", [("shared", 30), ("own2", 5)]),
            Image("api", "v3", 3, "m3", [("base", 10), ("own3", 15)]),
            Image("api", "v4", 4, "m4", [("base", 10), ("own4", 15)]),
            Image("api", "v5", 5, "m5", [("base", 10)]),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(80, plan.UsedBytesBefore);
        Assert.Equal(["ws/api:v1", "ws/api:v2"], plan.DeletedTags());
        Assert.Equal([5L, 35L], plan.Deletions.Select(deletion => deletion.FreedBytes));
        Assert.Equal(40, plan.ProjectedBytesAfter);
    }

    [Fact]
    public void Second_pass_keeps_two_per_app_when_keeping_three_cannot_reach_target()
    {
        ImageRecord[] images = [.. Enumerable.Range(1, 4).Select(i => Image("api", $"v{i}", i, $"m{i}", [($"l{i}", 25)]))];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(["ws/api:v1", "ws/api:v2"], plan.DeletedTags());
        Assert.Equal([1, 2], plan.Deletions.Select(deletion => deletion.Pass));
        Assert.Equal(["oldest beyond newest 3", "oldest beyond newest 2 (second pass)"], plan.Deletions.Select(deletion => deletion.Reason));
        Assert.Equal(50, plan.ProjectedBytesAfter);
        Assert.Equal(CleanupOutcome.TargetReached, plan.Outcome);
    }

    [Fact]
    public void Second_pass_does_not_run_when_the_first_reaches_target()
    {
        ImageRecord[] images = [.. Enumerable.Range(1, 4).Select(i => Image("api", $"v{i}", i, $"m{i}", [($"l{i}", i == 1 ? 40 : 20)]))];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));

        Assert.Equal(["ws/api:v1"], plan.DeletedTags());
        Assert.Equal(60, plan.ProjectedBytesAfter);
    }

    [Fact]
    public void Plan_reports_target_unreachable_and_still_deletes_every_candidate()
    {
        ImageRecord[] images =
        [
            .. Enumerable.Range(1, 3).Select(i => Image("api", $"v{i}", i, $"a{i}", [($"la{i}", 40)])),
            Image("web", "v1", 1, "w1", [("lw1", 10)]),
            Image("web", "v2", 2, "w2", [("lw2", 10)]),
            Image("web", "v3", 3, "w3", [("lw3", 10)]),
            Image("web", "v4", 4, "w4", [("lw4", 10)]),
        ];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 130));

        Assert.Equal(["ws/web:v1", "ws/api:v1", "ws/web:v2"], plan.DeletedTags());
        Assert.Equal([1, 2, 2], plan.Deletions.Select(deletion => deletion.Pass));
        Assert.False(plan.TargetReachable);
        Assert.Equal(160 - 60, plan.ProjectedBytesAfter);
        Assert.Equal("target 70% unreachable: the 4 tags left are protected (4 among their app's newest 2)", plan.Reason);
    }

    [Fact]
    public void Tags_pushed_at_the_same_time_are_ranked_by_name_so_the_plan_is_the_same_in_any_order()
    {
        ImageRecord[] images = [.. new[] { "e", "a", "d", "b", "c" }.Select(tag => Image("api", tag, 1, $"m-{tag}", [($"l-{tag}", 20)]))];

        var plan = CleanupPlanner.Plan(images, UsageOf(images, 100));
        var reversed = CleanupPlanner.Plan([.. images.Reverse()], UsageOf(images, 100));

        // Ties count the ordinally smaller tag as newer: a b c are kept, d and e are candidates (and both must go).
        Assert.Equal(["ws/api:d", "ws/api:e"], plan.DeletedTags().Order(StringComparer.Ordinal));
        Assert.Equal(plan.DeletedTags(), reversed.DeletedTags());
    }

    [Fact]
    public void Thresholds_round_so_whole_bytes_compare_exactly_with_the_percentages()
    {
        var policy = new QuotaPolicy(1001);

        // 80% of 1001 is 800.8: 800 bytes are below it, 801 are not. 70% is 700.7: 700 bytes are at or below it, 701 are not.
        Assert.Equal(801, CleanupPlanner.TriggerBytes(policy));
        Assert.Equal(700, CleanupPlanner.TargetBytes(policy));
        Assert.Equal(long.MaxValue / 100 * 70 + long.MaxValue % 100 * 70 / 100, CleanupPlanner.TargetBytes(new QuotaPolicy(long.MaxValue)));
    }

    [Fact]
    public void Plan_rejects_records_of_another_workspace()
    {
        var other = Image("api", "v1", 1, "m1", [("l1", 90)]) with { WorkspaceId = WorkspaceId.TryParse("other", out var id) ? id : throw new InvalidOperationException() };

        Assert.Throws<ArgumentException>(() => CleanupPlanner.Plan([other], UsageOf([other], 100)));
    }

    [Fact]
    public void Plan_rejects_a_tag_listed_twice()
    {
        var image = Image("api", "v1", 1, "m1", [("l1", 90)]);

        Assert.Throws<ArgumentException>(() => CleanupPlanner.Plan([image, image with { Digest = Named("m2") }], UsageOf([image], 100)));
    }

    [Fact]
    public void Plan_rejects_an_invalid_policy()
    {
        Assert.Throws<ArgumentException>(() => CleanupPlanner.Plan([], new WorkspaceUsage(Workspace, new QuotaPolicy(100, TriggerPercent: 60, TargetPercent: 70), 90, 0)));
    }

    [Fact]
    public void Plan_with_no_images_above_trigger_says_there_is_nothing_to_delete()
    {
        var plan = CleanupPlanner.Plan([], new WorkspaceUsage(Workspace, new QuotaPolicy(100), 90, 0));

        Assert.Equal(CleanupOutcome.TargetUnreachable, plan.Outcome);
        Assert.Equal("target 70% unreachable: no images are tracked, so there is nothing to delete", plan.Reason);
    }
}
