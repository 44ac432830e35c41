using CsCheck;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Usage;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Cleanup;

/// <summary>
/// The planner's rules checked over random workspaces (<see cref="RandomWorkspace"/>) against a restatement of
/// them written without the planner's code: ranks by sorting each app's tags, units by grouping, usage by
/// recounting distinct blobs. What is checked on every sample:
/// <list type="bullet">
/// <item>Below the trigger nothing is deleted.</item>
/// <item>A deletion names every tag on its (repository, digest), so no kept tag ever shares a deleted digest; each
/// digest is deleted once.</item>
/// <item>No <c>latest</c> tag is deleted; no app loses its only tag or either of its newest 2; every app keeps
/// min(its tag count, 2). Without a second-pass deletion, every app keeps its newest 3.</item>
/// <item>Every first-pass tag is beyond its app's newest 3 and every second-pass tag beyond its newest 2; passes
/// come in order, each oldest first; the second pass deletes only after the first deleted all it could.</item>
/// <item>Kept lists every digest not deleted, each with the reason the rules give it for the last pass that ran: on latest,
/// sharing a kept tag's digest, within its app's newest, its app's only tag, or old but not needed.</item>
/// <item>Freed bytes and projected usage equal a recount of the distinct blobs left (UsedBytes being exact).</item>
/// <item>Usage ends at or below the target whenever deleting everything allowed would get it there; otherwise the
/// plan says so and deletes exactly everything allowed.</item>
/// <item>Usage was above the target before every deletion, the last included: no plan deletes more than it must.</item>
/// <item>The plan does not depend on the order the images are listed in.</item>
/// </list>
/// </summary>
public sealed class CleanupPlannerPropertyTests
{
    private const int Iterations = 1000;

    [Fact]
    public void Protections_always_hold()
    {
        RandomWorkspace.Gen.Sample(workspace =>
        {
            var plan = CleanupPlanner.Plan(workspace.Images, workspace.Usage);
            var ranks = Ranks(workspace.Images);
            var units = Units(workspace.Images);
            var deleted = plan.Deletions.SelectMany(deletion => deletion.Tags.Select(tag => (deletion.Repository.Value, tag.Value))).ToHashSet();
            bool IsDeleted(ImageRecord image) => deleted.Contains((image.Repository.Value, image.Tag.Value));

            if (workspace.Usage.UsedBytes < plan.TriggerBytes)
            {
                Assert.Equal(CleanupOutcome.BelowTrigger, plan.Outcome);
                Assert.Empty(plan.Deletions);
            }

            // A deletion names every tag on its digest (so no kept tag shares it), each digest once.
            Assert.Equal(plan.Deletions.Count, plan.Deletions.Select(deletion => (deletion.Repository, deletion.Digest)).Distinct().Count());
            foreach (var deletion in plan.Deletions)
            {
                var onDigest = units[(deletion.Repository.Value, deletion.Digest.Value)];
                Assert.Equal(onDigest.Select(image => image.Tag.Value).Order(StringComparer.Ordinal), deletion.Tags.Select(tag => tag.Value).Order(StringComparer.Ordinal));
                Assert.Equal(onDigest.Max(image => image.PushedAt), deletion.PushedAt);
                Assert.All(onDigest, image => Assert.True(ranks[image] >= (deletion.Pass == 1 ? 3 : 2), $"{image.Tag} has rank {ranks[image]} in pass {deletion.Pass}"));
            }

            // latest is never deleted; no app loses its only tag or either of its newest two; every app keeps min(count, 2).
            Assert.DoesNotContain(workspace.Images, image => image.Tag.Value == "latest" && IsDeleted(image));
            foreach (var app in workspace.Images.GroupBy(image => image.AppId))
            {
                Assert.All(app.Where(image => ranks[image] < 2), image => Assert.False(IsDeleted(image)));
                Assert.True(app.Count(image => !IsDeleted(image)) >= Math.Min(app.Count(), 2));
            }

            // The passes come in order, each oldest first, and the second only once the first has deleted all it may.
            Assert.Equal(plan.Deletions.OrderBy(deletion => deletion.Pass), plan.Deletions);
            foreach (var pass in plan.Deletions.GroupBy(deletion => deletion.Pass))
            {
                Assert.Equal(pass.OrderBy(deletion => deletion.PushedAt), pass);
            }

            if (plan.Deletions.Any(deletion => deletion.Pass == 2))
            {
                Assert.All(Deletable(units, ranks, keep: 3), unit => Assert.True(IsDeleted(unit[0])));
            }
            else
            {
                Assert.All(workspace.Images.Where(image => ranks[image] < 3), image => Assert.False(IsDeleted(image)));
            }

            // Kept lists every image not deleted (once a plan is made), each with the reason the rules give for the last pass that ran.
            if (plan.Outcome == CleanupOutcome.BelowTrigger)
            {
                Assert.Empty(plan.Kept);
            }
            else
            {
                var afterFirstPass = plan.Deletions.LastOrDefault(deletion => deletion.Pass == 1)?.ProjectedBytesAfter ?? plan.UsedBytesBefore;
                var keep = afterFirstPass > plan.TargetBytes ? 2 : 3;
                var notDeleted = units.Where(unit => !IsDeleted(unit.Value[0])).Select(unit => unit.Key);
                Assert.Equal(notDeleted.Order(), plan.Kept.Select(kept => (kept.Repository.Value, kept.Digest.Value)).Order());
                foreach (var kept in plan.Kept)
                {
                    var onDigest = units[(kept.Repository.Value, kept.Digest.Value)];
                    var recent = onDigest.Where(image => ranks[image] < keep).ToList();
                    var expected = onDigest.Any(image => image.Tag.Value == "latest") ? KeepReason.CarriesLatest
                        : recent.Count == 0 ? KeepReason.NotNeeded
                        : recent.Count < onDigest.Length ? KeepReason.SharesDigestWithKeptTag
                        : onDigest.Any(image => workspace.Images.Count(other => other.AppId == image.AppId) == 1) ? KeepReason.OnlyTagOfApp
                        : KeepReason.WithinNewest;
                    Assert.Equal(expected, kept.Reason);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Projected_usage_is_a_recount_of_the_blobs_the_remaining_images_reference()
    {
        RandomWorkspace.Gen.Sample(workspace =>
        {
            var plan = CleanupPlanner.Plan(workspace.Images, workspace.Usage);
            var remaining = workspace.Images.ToList();
            var before = Recount(remaining);
            foreach (var deletion in plan.Deletions)
            {
                remaining.RemoveAll(image => image.Repository == deletion.Repository && image.Digest == deletion.Digest);
                var after = Recount(remaining);
                Assert.Equal(before - after, deletion.FreedBytes);
                Assert.Equal(after, deletion.ProjectedBytesAfter);
                before = after;
            }

            Assert.Equal(Recount(remaining), plan.ProjectedBytesAfter);
            Assert.Equal(plan.Deletions.Sum(deletion => deletion.FreedBytes), plan.FreedBytes);
        }, iter: Iterations);
    }

    [Fact]
    public void Usage_ends_at_or_below_target_whenever_deleting_everything_allowed_could_reach_it()
    {
        RandomWorkspace.Gen.Sample(workspace =>
        {
            var plan = CleanupPlanner.Plan(workspace.Images, workspace.Usage);
            if (workspace.Usage.UsedBytes < plan.TriggerBytes)
            {
                return;
            }

            var allowed = Deletable(Units(workspace.Images), Ranks(workspace.Images), keep: 2);
            var allowedKeys = allowed.Select(unit => (unit[0].Repository.Value, unit[0].Digest.Value)).ToHashSet();
            var leastPossible = Recount(workspace.Images.Where(image => !allowedKeys.Contains((image.Repository.Value, image.Digest.Value))));
            if (leastPossible <= plan.TargetBytes)
            {
                Assert.True(plan.TargetReachable);
                Assert.True(plan.ProjectedBytesAfter <= plan.TargetBytes);
            }
            else
            {
                // Unreachable: it deletes everything it may, and says so.
                Assert.False(plan.TargetReachable);
                Assert.Equal(CleanupOutcome.TargetUnreachable, plan.Outcome);
                Assert.Equal(allowedKeys.Order(), plan.Deletions.Select(deletion => (deletion.Repository.Value, deletion.Digest.Value)).Order());
                Assert.Equal(leastPossible, plan.ProjectedBytesAfter);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Plan_deletes_no_more_than_it_must()
    {
        RandomWorkspace.Gen.Sample(workspace =>
        {
            var plan = CleanupPlanner.Plan(workspace.Images, workspace.Usage);

            // Usage was above the target before every deletion, the last one included: dropping it would miss the target.
            var before = plan.UsedBytesBefore;
            foreach (var deletion in plan.Deletions)
            {
                Assert.True(before > plan.TargetBytes, $"{deletion.Repository}@{deletion.Digest} deleted at {before} bytes, target {plan.TargetBytes}");
                before = deletion.ProjectedBytesAfter;
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Plan_is_the_same_whatever_order_the_images_are_listed_in()
    {
        Gen.Select(RandomWorkspace.Gen, Gen.Int).Sample((workspace, seed) =>
        {
            var shuffled = workspace.Images.ToArray();
            new Random(seed).Shuffle(shuffled);

            var plan = CleanupPlanner.Plan(workspace.Images, workspace.Usage);
            var again = CleanupPlanner.Plan(shuffled, workspace.Usage);

            Assert.Equal(Describe(plan), Describe(again));
        }, iter: Iterations);
    }

    /// <summary>Everything a plan says, as text, since its lists compare by reference.</summary>
    private static string[] Describe(CleanupPlan plan) =>
    [
        plan.Outcome.ToString(),
        plan.Reason,
        plan.ProjectedBytesAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. plan.Deletions.Select(deletion => $"{deletion.Repository}@{deletion.Digest} [{string.Join(",", deletion.Tags)}] {deletion.AppId} {deletion.PushedAt:O} {deletion.FreedBytes} {deletion.Pass} {deletion.Reason}"),
        .. plan.Kept.Select(kept => $"{kept.Repository}@{kept.Digest} [{string.Join(",", kept.Tags)}] {kept.AppId} {kept.Reason} {kept.Explanation}"),
        .. plan.BuildLogLines(int.MaxValue),
    ];

    /// <summary>Each tag's place in its app, newest first (ties by repository, then tag): 0 is the newest.</summary>
    private static Dictionary<ImageRecord, int> Ranks(IEnumerable<ImageRecord> images) =>
        images.GroupBy(image => image.AppId)
            .SelectMany(app => app
                .OrderByDescending(image => image.PushedAt)
                .ThenBy(image => image.Repository.Value, StringComparer.Ordinal)
                .ThenBy(image => image.Tag.Value, StringComparer.Ordinal)
                .Select((image, rank) => (image, rank)))
            .ToDictionary(pair => pair.image, pair => pair.rank);

    private static Dictionary<(string Repository, string Digest), ImageRecord[]> Units(IEnumerable<ImageRecord> images) =>
        images.GroupBy(image => (image.Repository.Value, image.Digest.Value)).ToDictionary(unit => unit.Key, unit => unit.ToArray());

    /// <summary>The units a pass keeping <paramref name="keep"/> per app may delete: every tag beyond the newest, none latest.</summary>
    private static List<ImageRecord[]> Deletable(Dictionary<(string, string), ImageRecord[]> units, Dictionary<ImageRecord, int> ranks, int keep) =>
        [.. units.Values.Where(unit => unit.All(image => ranks[image] >= keep && image.Tag.Value != "latest"))];
}
