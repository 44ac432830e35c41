using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Orbit.Quota.History;
using Orbit.Quota.Tests.Integration;
using Orbit.Quota.Tests.Storage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Orbit.Testing;

namespace Orbit.Quota.Tests.History;

/// <summary>The cleanup history against a real Azurite: what a workspace page reads of it, and the bound it keeps.</summary>
public sealed class CleanupHistoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_newest_cleanups_come_newest_first_whole_and_no_more_than_asked_for_whatever_the_order_they_were_written_in()
    {
        var history = History(keepPerWorkspace: 100);
        var workspace = NewWorkspace();
        // Written out of time order, with build ids (the row keys, the order a query returns) in neither time order nor its
        // reverse, so neither the writes nor the rows' order can stand in for At.
        int[] minutes = [7, 2, 9, 0, 5, 8, 1, 6, 3, 4];
        foreach (var minute in minutes)
        {
            await history.RecordAsync(Record(workspace, $"build-{minute * 7 % 10}", Start.AddMinutes(minute), deletions: minute == 9 ? 600 : 2), CancellationToken.None);
        }

        var newest = await history.ListNewestAsync(workspace, 3, CancellationToken.None);

        Assert.Equal([Start.AddMinutes(9), Start.AddMinutes(8), Start.AddMinutes(7)], newest.Select(cleanup => cleanup.At));
        Assert.Equal(["build-3", "build-6", "build-9"], newest.Select(cleanup => cleanup.BuildId));
        // A line each, from the summary kept beside the record (whose JSON spans several chunks of the row for the newest).
        Assert.Equal(new Dictionary<string, int> { ["deleted"] = 600 }, newest[0].Results);
        Assert.Equal(600, newest[0].Deletions);
        var whole = (await history.GetAsync(workspace, "build-6", CancellationToken.None))!;
        Assert.Equal(JsonSerializer.Serialize(CleanupRecordSummary.Of(whole)), JsonSerializer.Serialize(newest[1]));
        Assert.Equal(10, (await history.ListNewestAsync(workspace, 50, CancellationToken.None)).Count);
        Assert.Empty(await history.ListNewestAsync(workspace, 0, CancellationToken.None));
    }

    [Fact]
    public async Task A_row_kept_before_rows_had_a_summary_is_summarized_from_its_record()
    {
        var table = new TableClient(azurite.ConnectionString, TestNames.Table("history"));
        var history = new CleanupHistory(table, 100);
        var workspace = NewWorkspace();
        var written = Record(workspace, "build-of-old", Start, deletions: 3);
        var record = written with { Deletions = [written.Deletions[0], written.Deletions[1], written.Deletions[2] with { Result = "Failed" }] };
        await history.RecordAsync(record, CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>(workspace.Value, "build-of-old")).Value;
        row.Remove("Summary");
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var summary = Assert.Single(await history.ListNewestAsync(workspace, 5, CancellationToken.None));

        Assert.Equal(new Dictionary<string, int> { ["Failed"] = 1, ["deleted"] = 2 }, summary.Results);
        Assert.Equal(record.FreedBytes, summary.FreedBytes);
    }

    [Fact]
    public async Task A_workspace_keeps_only_its_newest_cleanups_and_never_lists_another_workspaces()
    {
        var history = History(keepPerWorkspace: 4);
        var workspace = NewWorkspace();
        var neighbour = NewWorkspace();
        for (var minute = 0; minute < 7; minute++)
        {
            await history.RecordAsync(Record(workspace, $"build-{minute}", Start.AddMinutes(minute), deletions: 1), CancellationToken.None);
        }

        await history.RecordAsync(Record(neighbour, "build-of-the-neighbour", Start.AddHours(1), deletions: 1), CancellationToken.None);

        var listed = await history.ListNewestAsync(workspace, 20, CancellationToken.None);

        Assert.Equal(["build-6", "build-5", "build-4", "build-3"], listed.Select(cleanup => cleanup.BuildId));
        Assert.Null(await history.GetAsync(workspace, "build-2", CancellationToken.None));
        Assert.Equal(["build-of-the-neighbour"], (await history.ListNewestAsync(neighbour, 20, CancellationToken.None)).Select(record => record.BuildId));
    }

    private CleanupHistory History(int keepPerWorkspace) =>
        new(new TableClient(azurite.ConnectionString, TestNames.Table("history")), keepPerWorkspace);

    [Fact]
    public async Task Recording_says_whether_the_record_was_kept_whole_and_a_record_cut_to_its_bound_is_not()
    {
        var history = History(keepPerWorkspace: 100);
        var workspace = NewWorkspace();
        var whole = Record(workspace, "build-within", Start, deletions: CleanupRecord.MaxDeletions);
        var beyond = Record(workspace, "build-beyond", Start.AddMinutes(1), deletions: CleanupRecord.MaxDeletions + 1);

        Assert.True(await history.RecordAsync(whole, CancellationToken.None));
        Assert.False(await history.RecordAsync(beyond, CancellationToken.None));

        Assert.Equal(CleanupRecord.MaxDeletions, (await history.GetAsync(workspace, "build-within", CancellationToken.None))!.Deletions.Count);
        Assert.True((await history.GetAsync(workspace, "build-beyond", CancellationToken.None))!.Deletions.Count < beyond.Deletions.Count);
    }

    private static WorkspaceId NewWorkspace() =>
        WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();

    private static CleanupRecord Record(WorkspaceId workspace, string buildId, DateTimeOffset at, int deletions)
    {
        var repository = RepositoryName.Parse($"{workspace}/api");
        var deleted = Enumerable.Range(0, deletions).Select(index => new RecordedDeletion(
            repository, Digest.Sha256Of([.. BitConverter.GetBytes(index), .. Encoding.UTF8.GetBytes(buildId)]), [Tag.Parse($"v{index}")], "deleted", 1_000 + index,
            $"tag {index} is older than the newest 3 of its app", $"DELETE {repository}/manifests/... answered 202 {new string('.', 40)}")).ToList();
        return new CleanupRecord(workspace, buildId, at, "target-reached", 10_000_000, 9_000_000, deleted.Sum(deletion => deletion.FreedBytes), 9_000_000 - deleted.Sum(deletion => deletion.FreedBytes),
            deleted, [$"cleanup of {workspace} by {buildId}"], null, null, at.AddSeconds(-5));
    }
}
