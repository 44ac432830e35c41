using System.Diagnostics;
using Orbit.Testing;

namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>
/// One round of tracking throughput: push a set of images to the registry (not timed), then time tracking all of them
/// through <c>POST /api/internal/registry-images</c> at a fixed concurrency, into a workspace of their own. Writers in
/// one workspace are serialized by its aggregate row's ETag, so this measures that contention as much as the requests.
/// </summary>
internal sealed class TrackThroughput(UsageFunctionApp app, RegistryImagePusher pusher, int imageCount, int concurrency)
{
    private const long QuotaBytes = 1L << 40;

    /// <summary>Images tracked per second; throws when the workspace's usage is not exactly the pushed images' distinct bytes.</summary>
    public async Task<double> RunRoundAsync(ImageSet set, int round, CancellationToken cancellationToken)
    {
        var workspace = $"{set.Key}-r{round}-{Guid.NewGuid():N}"[..24];
        await app.CreateWorkspaceAsync(workspace, QuotaBytes, cancellationToken);
        // Under the workspace, as the ownership rules require of what it tracks.
        var repository = $"{workspace}/bench";

        // One at a time: the pusher uploads every layer again, even one the registry has, and two concurrent uploads
        // of one shared layer can leave it briefly unreadable, failing the manifest put (DIGEST_INVALID on Distribution 2.8).
        var pushed = new List<PushedImage>(imageCount);
        for (var image = 0; image < imageCount; image++)
        {
            pushed.Add(await pusher.PushImageAsync(repository, $"v{image}", set.Layers(round, image)));
        }

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(pushed, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (image, token) => await app.TrackAsync(workspace, "bench", image.Repository, image.Tag!, token));
        var seconds = clock.Elapsed.TotalSeconds;

        await VerifyAsync(workspace, pushed, cancellationToken);
        return imageCount / seconds;
    }

    /// <summary>A throughput is only worth reporting for a right result: the usage must be the distinct blobs' bytes, counted once.</summary>
    private async Task VerifyAsync(string workspace, IReadOnlyList<PushedImage> pushed, CancellationToken cancellationToken)
    {
        var expectedBytes = pushed.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        var usage = await app.GetUsageAsync(workspace, cancellationToken);
        if (usage.CurrentBytes != expectedBytes || usage.ImageCount != pushed.Count)
        {
            throw new InvalidOperationException(
                $"{workspace}: the API reports {usage.CurrentBytes} bytes in {usage.ImageCount} images, but the {pushed.Count} pushed images " +
                $"have {expectedBytes} bytes of distinct blobs. Tracking lost or double-counted something; no throughput is reported.");
        }
    }
}
