using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Orbit.Functions.Builds;
using Orbit.Functions.Hosting;
using Orbit.Quota.History;
using Orbit.Quota.Tests.Storage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Orbit.Testing;
using static Orbit.Quota.Tests.Integration.FunctionAppFixture;

namespace Orbit.Quota.Tests.Builds;

/// <summary>The whole summaries of cleanups too large for the history (<see cref="LargeCleanupSummaries"/>) against a real Azurite.</summary>
public sealed class LargeCleanupSummariesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly BuildOptions Settings = new() { CleanupPlanContainer = $"plans{Guid.NewGuid():N}"[..20] };

    /// <summary>How long after it is written a summary may still be read: its build waits Builds:Timeout for the push, and a day on top.</summary>
    private static readonly TimeSpan KeptFor = Settings.Timeout + TimeSpan.FromDays(1);

    [Fact]
    public async Task A_summary_is_read_back_whole_by_its_own_build_and_workspace_only()
    {
        var summaries = Summaries(TimeSpan.Zero);
        var (workspace, other) = (Workspace(), Workspace());
        var summary = Summary(CleanupRecord.MaxDeletions + 200);
        // A caller may choose a build id: characters that mean something in a blob's name stay in the name.
        const string build = "build/../7?x=1";

        await summaries.KeepAsync(workspace, build, summary, CancellationToken.None);

        var read = await summaries.GetAsync(workspace, build, CancellationToken.None);
        Assert.Equal(JsonSerializer.Serialize(summary, AppJson.Options), JsonSerializer.Serialize(read, AppJson.Options));
        Assert.Null(await summaries.GetAsync(other, build, CancellationToken.None));
        Assert.Null(await summaries.GetAsync(workspace, "build", CancellationToken.None));
        Assert.Null(await summaries.GetAsync(workspace, "7?x=1", CancellationToken.None));
    }

    [Fact]
    public async Task Keeping_a_summary_deletes_the_workspaces_summaries_no_build_reads_any_more_and_nothing_else()
    {
        var (workspace, other) = (Workspace(), Workspace());
        var now = Summaries(TimeSpan.Zero);
        await now.KeepAsync(workspace, "build-1", Summary(3), CancellationToken.None);
        await now.KeepAsync(other, "build-2", Summary(3), CancellationToken.None);

        // Builds:Timeout later, build 1 may still be waiting for its push: its summary stays.
        await Summaries(Settings.Timeout).KeepAsync(workspace, "build-3", Summary(3), CancellationToken.None);
        Assert.NotNull(await now.GetAsync(workspace, "build-1", CancellationToken.None));

        // Past Builds:Timeout and a day, no build reads them (build 3's was written as the storage saw it, now): they go, and
        // only they: the other workspace's as old stays, and so does the one just written.
        await Summaries(KeptFor + TimeSpan.FromMinutes(1)).KeepAsync(workspace, "build-4", Summary(3), CancellationToken.None);
        Assert.Null(await now.GetAsync(workspace, "build-1", CancellationToken.None));
        Assert.Null(await now.GetAsync(workspace, "build-3", CancellationToken.None));
        Assert.NotNull(await now.GetAsync(other, "build-2", CancellationToken.None));
        Assert.NotNull(await now.GetAsync(workspace, "build-4", CancellationToken.None));
    }

    [Fact]
    public async Task Keeping_a_builds_summary_again_replaces_it()
    {
        var summaries = Summaries(TimeSpan.Zero);
        var workspace = Workspace();
        await summaries.KeepAsync(workspace, "build-1", Summary(5), CancellationToken.None);

        await summaries.KeepAsync(workspace, "build-1", Summary(2), CancellationToken.None);

        Assert.Equal(2, (await summaries.GetAsync(workspace, "build-1", CancellationToken.None))!.Deletions.Count);
    }

    /// <summary>The store as the app makes it, its clock <paramref name="ahead"/> of the system's (the storage's).</summary>
    private LargeCleanupSummaries Summaries(TimeSpan ahead) =>
        new(new CleanupPlanContainer(new BlobServiceClient(azurite.ConnectionString), Options.Create(Settings)), Options.Create(Settings), new ShiftedTimeProvider(ahead));

    private static WorkspaceId Workspace() => WorkspaceId.TryParse(NewWorkspace(), out var id) ? id : throw new InvalidOperationException();

    private static CleanupSummary Summary(int deletions) => new(
        "TargetReached", 90_000L * deletions, 1_000L * deletions, 89_000L * deletions, 100_000L * deletions,
        [.. Enumerable.Range(0, deletions).Select(index => new DeletionOutcome(
            RepositoryName.Parse("ws/api"), Digest.Sha256Of(BitConverter.GetBytes(index)), [Tag.Parse($"v{index}")], "Deleted", 1_000, "deleted", "older than the target"))],
        null, null, [$"Freed {deletions} KB: deleted {deletions} images."]);
}
