using Azure.Data.Tables;
using CsCheck;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Registry.References;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Storage;

public sealed class UntrackedRowsTests
{
    private static readonly DateTimeOffset Moment = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static readonly Gen<UntrackedManifest> AnUntrack =
        Gen.Select(
            Gen.Select(Gen.Char["abcxyz0189"].Array[1, 12], Gen.Int[1, 4]).Select((name, depth) => string.Join('/', Enumerable.Repeat(new string(name), depth))),
            Gen.String[Gen.Char.AlphaNumeric, 1, 12].Array[0, 40],
            Gen.Long[0, long.MaxValue],
            Gen.Int[0, 2])
        .Select((repository, tags, freed, moment) => new UntrackedManifest(
            RepositoryName.Parse(repository), Named($"{repository}{tags.Length}{freed}"), tags.Distinct().Select(Tag.Parse).ToList(), freed, Moment.AddMilliseconds(moment)));

    [Fact]
    public void The_rows_of_any_commits_untracks_read_back_as_the_same_untracks_each_within_what_a_property_holds()
    {
        AnUntrack.List[1, 400].Sample(untracks =>
        {
            var rows = UsageRows.Untracked(Workspace, untracks).ToList();

            var back = rows.SelectMany(UsageRows.ReadUntracked).ToList();
            Assert.Equal(Describe(untracks), Describe(back));
            Assert.All(rows, row => Assert.True(row.GetString("Manifests")!.Length <= 32 * 1024, $"{row.GetString("Manifests")!.Length} characters in one property"));
            Assert.Equal(rows.Count, rows.Select(row => row.RowKey).Distinct().Count());
            Assert.All(rows, row => Assert.StartsWith(UsageRows.UntrackedPrefix, row.RowKey));
        }, iter: 300);
    }

    [Fact]
    public void A_commit_of_a_few_untracks_at_one_moment_is_one_row()
    {
        var untracks = Enumerable.Range(0, 20)
            .Select(i => new UntrackedManifest(RepositoryName.Parse($"team-a/app-{i % 3}"), Named($"m{i}"), [Tag.Parse($"v{i}")], 1_000 + i, Moment))
            .ToList();

        var rows = UsageRows.Untracked(Workspace, untracks).ToList();

        Assert.Single(rows);
        Assert.Equal(Moment, rows[0].GetDateTimeOffset("UntrackedAt"));
    }

    [Fact]
    public void A_row_written_before_untracks_were_kept_a_row_per_commit_still_reads_as_its_one_manifest()
    {
        var digest = Named("old");
        var row = new TableEntity(Workspace.Value, $"untracked|team-a!api|{digest}")
        {
            ["Repository"] = "team-a/api",
            ["Digest"] = digest.Value,
            ["Tags"] = "1.0 latest",
            ["FreedBytes"] = 4_096L,
            ["UntrackedAt"] = Moment,
        };

        var untrack = Assert.Single(UsageRows.ReadUntracked(row));

        Assert.Equal(Describe([new UntrackedManifest(RepositoryName.Parse("team-a/api"), digest, [Tag.Parse("1.0"), Tag.Parse("latest")], 4_096, Moment)]), Describe([untrack]));
    }

    private static string[] Describe(IEnumerable<UntrackedManifest> untracks) => untracks
        .Select(untrack => $"{untrack.Repository}@{untrack.Digest} [{string.Join(',', untrack.Tags)}] {untrack.FreedBytes} {untrack.UntrackedAt.UtcTicks}")
        .Order(StringComparer.Ordinal)
        .ToArray();
}
