using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Pushes a fresh workspace's images and tracks them through the API (none of it timed). Repository
/// <c>&lt;workspace&gt;/app&lt;n&gt;</c> per app; every image is a base layer all images share, a layer its app's images
/// share, and a small layer of its own, so each tag is its own digest and deleting it frees only its own layer.
/// </summary>
internal sealed class CleanupWorkspaceBuilder(OrbitApi api, RegistryImagePusher pusher, int apps, int tagsPerApp)
{
    /// <summary>Tags per app a cleanup that cannot reach its target leaves (the planner's second pass).</summary>
    public const int KeptPerApp = 2;

    private const int BaseLayerSize = 64 * 1024;
    private const int AppLayerSize = 16 * 1024;
    private const int OwnLayerSize = 1024;
    private const int TrackConcurrency = 8;
    private const long RoomyQuotaBytes = 1L << 40;

    // Layer seeds: one for the shared base layer, then a new one for every app layer and own layer of the run.
    private static readonly int BaseSeed = Random.Shared.Next(1, 1_000_000);
    private static int nextSeed = BaseSeed + 1;

    public int Deletable => apps * (tagsPerApp - KeptPerApp);

    public async Task<CleanupWorkspace> BuildAsync(string key, CancellationToken cancellationToken)
    {
        var workspace = $"{key}-{Guid.NewGuid():N}"[..Math.Min(key.Length + 13, 63)];
        await api.PutQuotaAsync(workspace, RoomyQuotaBytes, null, null, cancellationToken);

        // One image at a time: two concurrent uploads of the shared base layer can leave it briefly unreadable (see TrackThroughput).
        for (var app = 0; app < apps; app++)
        {
            var appLayer = RegistryImagePusher.Layer(Interlocked.Increment(ref nextSeed), AppLayerSize);
            for (var tag = 0; tag < tagsPerApp; tag++)
            {
                var own = RegistryImagePusher.Layer(Interlocked.Increment(ref nextSeed), OwnLayerSize);
                await pusher.PushImageAsync(Repository(workspace, app), Tag(tag), [RegistryImagePusher.Layer(BaseSeed, BaseLayerSize), appLayer, own]);
            }
        }

        // Apps side by side, each app's tags in push order, so "newest" means the same to the planner as to this benchmark.
        await Parallel.ForEachAsync(Enumerable.Range(0, apps), new ParallelOptions { MaxDegreeOfParallelism = TrackConcurrency, CancellationToken = cancellationToken },
            async (app, token) =>
            {
                for (var tag = 0; tag < tagsPerApp; tag++)
                {
                    await api.TrackAsync(workspace, AppId(app), Repository(workspace, app), Tag(tag), token);
                }
            });

        var images = await api.ListImagesAsync(workspace, cancellationToken);
        if (images.Count != apps * tagsPerApp)
        {
            throw new InvalidOperationException($"{workspace}: {images.Count} images tracked, expected {apps * tagsPerApp}.");
        }

        // Used bytes at 50 % of the quota: above the 2 % trigger, and the 1 % target is below what the kept images need.
        var usage = await api.GetUsageAsync(workspace, cancellationToken);
        await api.PutQuotaAsync(workspace, usage.CurrentBytes * 2, triggerPercent: 2, targetPercent: 1, cancellationToken);

        // Newest first per app: rank 0 and 1 stay; ranks 3+ go in the first pass, rank 2 in the second; each pass oldest first.
        var ranked = images.GroupBy(image => image.AppId)
            .SelectMany(app => app.OrderByDescending(image => image.PushedAt).Select((image, rank) => (Image: image, Rank: rank)))
            .ToList();
        var candidates = ranked.Where(pair => pair.Rank >= KeptPerApp)
            .OrderBy(pair => pair.Rank > KeptPerApp ? 0 : 1).ThenBy(pair => pair.Image.PushedAt)
            .Select(pair => pair.Image)
            .ToList();
        var kept = ranked.Where(pair => pair.Rank < KeptPerApp).Select(pair => pair.Image).ToList();
        return new CleanupWorkspace(workspace, candidates, kept);
    }

    public static string AppId(int app) => $"app{app}";

    private static string Repository(string workspace, int app) => $"{workspace}/{AppId(app)}";

    private static string Tag(int tag) => $"v{tag:D3}";
}
