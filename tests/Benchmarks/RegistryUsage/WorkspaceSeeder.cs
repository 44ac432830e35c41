using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>
/// Writes a workspace straight into the usage table, in the layout UsageStore keeps (shared/Quota/Storage/UsageRows.cs):
/// tracking 100,000 images through the API would take far longer than the measurement itself. Rows go in batched
/// transactions of 100 (the most one may hold, all in the workspace's partition), a few at a time, and the workspace
/// row last, so the aggregate appears only once every row it sums is there.
/// </summary>
/// <remarks>
/// Each image has three blobs: a runtime layer every image shares, one of <see cref="BaseLayers"/> base layers, and a
/// layer of its own (standing in for its layers and config, to keep the row count at three an image: image, pushed
/// index, own blob). The aggregate is exactly what the API would have computed: the bytes of the distinct blobs, each
/// blob row counting the images that reference it.
/// </remarks>
internal sealed class WorkspaceSeeder(TableClient table, TextWriter output)
{
    private const int TransactionLimit = 100;
    private const int ConcurrentTransactions = 4;
    private const int BaseLayers = 16;
    private const int Repositories = 100;
    private const long RuntimeLayerSize = 48L * 1024 * 1024;
    private const long BaseLayerSize = 8L * 1024 * 1024;
    private const long OwnLayerSize = 256L * 1024;
    private const string MediaType = "application/vnd.oci.image.manifest.v1+json";
    private static readonly DateTimeOffset FirstPush = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<SeededUsageWorkspace> SeedAsync(string workspace, int images, long quotaBytes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sharedBlobs = SharedBlobs(workspace, images);
        var usedBytes = sharedBlobs.Sum(blob => blob.Size);
        for (var image = 0; image < images; image++)
        {
            usedBytes += OwnLayer(workspace, image).Size;
        }

        var rows = ImageRows(workspace, images).Concat(sharedBlobs.Select(blob => BlobRow(workspace, blob.Digest, blob.Size, blob.References)));
        var total = (images * 3) + sharedBlobs.Count + 1;
        var written = 0;
        await Parallel.ForEachAsync(rows.Chunk(TransactionLimit), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentTransactions, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), token);
                ReportProgress(workspace, Interlocked.Add(ref written, chunk.Length) - chunk.Length, chunk.Length, total, clock);
            });

        await table.AddEntityAsync(new TableEntity(workspace, "workspace")
        {
            ["QuotaBytes"] = quotaBytes,
            ["WarnPercent"] = 70,
            ["TriggerPercent"] = 80,
            ["TargetPercent"] = 70,
            ["CriticalPercent"] = 90,
            ["UsedBytes"] = usedBytes,
            ["ImageCount"] = images,
            ["JournalPending"] = false,
        }, cancellationToken);
        return new SeededUsageWorkspace(workspace, images, usedBytes, total, clock.Elapsed.TotalSeconds);
    }

    private static IEnumerable<TableEntity> ImageRows(string workspace, int images)
    {
        var runtime = RuntimeLayer(workspace);
        for (var image = 0; image < images; image++)
        {
            var baseLayer = BaseLayer(workspace, image % BaseLayers);
            var own = OwnLayer(workspace, image);
            var repository = $"apps/app{image % Repositories}";
            var tag = $"v{image}";
            var pushedAt = FirstPush.AddSeconds(image);
            var repositoryKey = repository.Replace('/', '!');
            // Both rows carry the blob list, as the store writes them.
            var blobs = string.Join(' ', new[] { runtime, baseLayer, own }.Select(blob => $"{blob.Digest}={blob.Size.ToString(CultureInfo.InvariantCulture)}"));
            yield return ImageRow(workspace, $"image|{repositoryKey}|{tag}", repository, tag, image, pushedAt, runtime.Size + baseLayer.Size + own.Size, blobs);
            yield return ImageRow(workspace, $"pushed|{pushedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{repositoryKey}|{tag}", repository, tag, image, pushedAt, runtime.Size + baseLayer.Size + own.Size, blobs);
            yield return BlobRow(workspace, own.Digest, own.Size, references: 1);
        }
    }

    private static TableEntity ImageRow(string workspace, string rowKey, string repository, string tag, int image, DateTimeOffset pushedAt, long sizeBytes, string blobs) => new(workspace, rowKey)
    {
        ["AppId"] = $"app{image % Repositories}",
        ["Repository"] = repository,
        ["Tag"] = tag,
        ["Digest"] = Digest($"{workspace}|manifest|{image}"),
        ["MediaType"] = MediaType,
        ["PushedAt"] = pushedAt,
        ["SizeBytes"] = sizeBytes,
        ["Blobs"] = blobs,
    };

    private static TableEntity BlobRow(string workspace, string digest, long size, int references) => new(workspace, $"blob|{digest}")
    {
        ["Size"] = size,
        ["References"] = references,
    };

    /// <summary>The runtime layer (every image) and the base layers actually used, each with how many images reference it.</summary>
    private static List<(string Digest, long Size, int References)> SharedBlobs(string workspace, int images)
    {
        var blobs = new List<(string, long, int)> { (RuntimeLayer(workspace).Digest, RuntimeLayerSize, images) };
        for (var index = 0; index < Math.Min(BaseLayers, images); index++)
        {
            var layer = BaseLayer(workspace, index);
            blobs.Add((layer.Digest, layer.Size, (images / BaseLayers) + (index < images % BaseLayers ? 1 : 0)));
        }

        return blobs;
    }

    private static (string Digest, long Size) RuntimeLayer(string workspace) => (Digest($"{workspace}|runtime"), RuntimeLayerSize);

    private static (string Digest, long Size) BaseLayer(string workspace, int index) => (Digest($"{workspace}|base|{index}"), BaseLayerSize + (index * 4096L));

    private static (string Digest, long Size) OwnLayer(string workspace, int image) => (Digest($"{workspace}|own|{image}"), OwnLayerSize + ((image % 4096) * 64L));

    private static string Digest(string text) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}";

    // Seeding 100,000 images takes minutes on Azurite, so say where it is at every tenth.
    private void ReportProgress(string workspace, int before, int added, int total, Stopwatch clock)
    {
        if (total < 30_000 || (before * 10 / total) == ((before + added) * 10 / total))
        {
            return;
        }

        var done = before + added;
        output.WriteLine($"    {workspace}: {done}/{total} rows, {clock.Elapsed.TotalSeconds:0} s, {done / clock.Elapsed.TotalSeconds:0} rows/s");
    }
}
