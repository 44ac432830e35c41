using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Orbit.Benchmarks.BuildCleanup;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Orbit.Testing;

namespace Orbit.Benchmarks.UntrackRecords;

/// <summary>
/// What the record of a cleanup's manifest untracks costs Azurite, in the two layouts the usage table has had: a row for
/// each manifest (before 2026-12-07) and one row for each commit, a line per manifest (since). Each round and layout gets
/// a fresh table holding a workspace's partition of <see cref="UntrackRecordRowsOptions.Images"/> images (image, push-order,
/// config blob and layer blob rows), then deletes them in commits of ten as a cleanup does: the four rows of each image,
/// the workspace row with If-Match, and the record rows of the layout (the current one written by the product's own
/// <see cref="UsageRows.Untracked"/>; the old one, which the product no longer writes, as it was). The layouts take turns
/// at going first; Azurite's CPU is read from /proc around the commits.
/// </summary>
internal sealed class UntrackRecordRowsBenchmark(UntrackRecordRowsOptions options, TextWriter output)
{
    private const int PerCommit = 10;
    private const string Partition = "ws";
    private static readonly WorkspaceId Workspace = WorkspaceId.TryParse(Partition, out var id) ? id : throw new InvalidOperationException($"{Partition} is not a workspace id.");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        await using var azurite = await AzuriteServer.StartAsync(inMemory: true);
        output.WriteLine($"untrack-record-rows: {options.Images} images in commits of {PerCommit}, {options.Rounds} rounds, one Azurite with its data in memory");
        var results = new Dictionary<bool, List<(double CpuMs, double CommitMs)>> { [true] = [], [false] = [] };
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var rowPerManifest in round % 2 == 1 ? new[] { true, false } : [false, true])
            {
                var result = await CommitAllAsync(azurite.ConnectionString, rowPerManifest, cancellationToken);
                results[rowPerManifest].Add(result);
                output.WriteLine($"  round {round}, {Name(rowPerManifest)}: Azurite {result.CpuMs:0.000} ms of CPU per deletion, {result.CommitMs:0.0} ms per commit");
            }
        }

        output.WriteLine();
        output.WriteLine("| layout | transaction operations per commit | Azurite CPU ms per deletion, median (per round) | ms per commit, median |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var rowPerManifest in new[] { true, false })
        {
            var runs = results[rowPerManifest];
            output.WriteLine($"| {Name(rowPerManifest)} | {1 + (PerCommit * 4) + (rowPerManifest ? PerCommit : 1)} | " +
                $"{Median.Of(runs.Select(run => run.CpuMs).ToList()):0.000} ({string.Join(", ", runs.Select(run => run.CpuMs.ToString("0.000")))}) | " +
                $"{Median.Of(runs.Select(run => run.CommitMs).ToList()):0.0} |");
        }

        output.WriteLine();
        output.WriteLine("Azurite's CPU is read in the kernel's ticks (10 ms): a round's few hundred milliseconds carry that much uncertainty.");
    }

    private static string Name(bool rowPerManifest) => rowPerManifest ? "a row per manifest (before)" : "a row per commit (since 2026-12-07)";

    private async Task<(double CpuMs, double CommitMs)> CommitAllAsync(string connectionString, bool rowPerManifest, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, $"untrack{Guid.NewGuid():N}"[..24]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var rows = Enumerable.Range(0, options.Images).SelectMany(ImageRows).Prepend(new TableEntity(Partition, UsageRows.WorkspaceKey) { ["UsedBytes"] = 0L });
        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }

        var etag = (await table.GetEntityAsync<TableEntity>(Partition, UsageRows.WorkspaceKey, cancellationToken: cancellationToken)).Value.ETag;
        var commits = options.Images / PerCommit;
        var before = CpuMeter.Take();
        var clock = Stopwatch.StartNew();
        for (var commit = 0; commit < commits; commit++)
        {
            var images = Enumerable.Range(commit * PerCommit, PerCommit).ToList();
            var now = DateTimeOffset.UtcNow;
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.UpdateReplace, new TableEntity(Partition, UsageRows.WorkspaceKey) { ["UsedBytes"] = (long)commit }, etag),
                .. images.SelectMany(ImageRows).Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)),
            ];
            if (rowPerManifest)
            {
                actions.AddRange(images.Select(image => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, $"{UsageRows.UntrackedPrefix}{RepositoryKeyOf(image)}|{DigestOf(image)}")
                {
                    ["Repository"] = RepositoryOf(image).Value,
                    ["Digest"] = DigestOf(image).Value,
                    ["Tags"] = TagOf(image).Value,
                    ["FreedBytes"] = 1_234L,
                    ["UntrackedAt"] = now,
                })));
            }
            else
            {
                var untracked = images.Select(image => new UntrackedManifest(RepositoryOf(image), DigestOf(image), [TagOf(image)], 1_234L, now)).ToList();
                actions.AddRange(UsageRows.Untracked(Workspace, untracked).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
            }

            etag = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value[0].Headers.ETag!.Value;
        }

        var elapsed = clock.Elapsed;
        var azuriteSeconds = CpuMeter.Take().Seconds[CpuMeter.Azurite] - before.Seconds[CpuMeter.Azurite];
        await table.DeleteAsync(cancellationToken);
        var deletions = commits * PerCommit;
        return (azuriteSeconds * 1000 / deletions, elapsed.TotalMilliseconds / commits);
    }

    /// <summary>The four rows an image of one tag on a manifest of its own has: image, push order, config blob, layer blob.</summary>
    private static IEnumerable<TableEntity> ImageRows(int image)
    {
        var record = new string('b', 200);
        yield return new TableEntity(Partition, UsageRows.ImageKey(RepositoryOf(image), TagOf(image))) { ["Digest"] = DigestOf(image).Value, ["Repository"] = RepositoryKeyOf(image), ["Blobs"] = record };
        yield return new TableEntity(Partition, $"{UsageRows.PushedPrefix}{image:D19}|{RepositoryKeyOf(image)}|{TagOf(image)}") { ["Digest"] = DigestOf(image).Value, ["Repository"] = RepositoryKeyOf(image), ["Blobs"] = record };
        yield return new TableEntity(Partition, $"{UsageRows.BlobPrefix}sha256:c{image:x63}") { ["Size"] = 100L, ["References"] = 1 };
        yield return new TableEntity(Partition, $"{UsageRows.BlobPrefix}sha256:l{image:x63}") { ["Size"] = 100L, ["References"] = 1 };
    }

    private static RepositoryName RepositoryOf(int image) => RepositoryName.Parse($"team-a/app-{image / 20}");

    private static string RepositoryKeyOf(int image) => UsageRows.RepositoryKey(RepositoryOf(image));

    private static Tag TagOf(int image) => Tag.Parse($"v{image % 20}");

    private static Digest DigestOf(int image) => Digest.Parse($"sha256:{image:x64}");
}
