using System.Collections.Immutable;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Benchmarks.CleanupPlan;

/// <summary>
/// A workspace shaped like a busy real one, made without a registry: 50 tags per app plus <c>latest</c> on its
/// newest manifest (about 2,000 apps at 100k images); each image a config, two layers of its own and two of 20
/// shared base layers; every 10th tag an alias of the tag pushed before it (same digest, as a release tag beside a
/// version tag). The quota puts usage at 90%, above the 80% trigger, so the planner does all its work. Seeded,
/// so every run plans the same workspace.
/// </summary>
internal static class SyntheticWorkspace
{
    private const int TagsPerApp = 50;
    private const int BaseLayers = 20;
    private const long MiB = 1 << 20;

    public static (IReadOnlyList<ImageRecord> Images, WorkspaceUsage Usage) Create(int imageCount)
    {
        var workspace = WorkspaceId.TryParse("bench", out var id) ? id : throw new InvalidOperationException();
        var random = new Random(imageCount);
        var baseLayers = Enumerable.Range(0, BaseLayers).Select(layer => (Digest: Blob(0, layer), Size: (50 + random.Next(150)) * MiB)).ToArray();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var images = new List<ImageRecord>(imageCount);
        var blobs = new Dictionary<Digest, long>();
        var appStart = 0;
        for (var number = 0; images.Count < imageCount; number++)
        {
            var app = number / TagsPerApp;
            var tag = number % TagsPerApp;
            if (tag == 0)
            {
                appStart = images.Count;
            }

            var repository = RepositoryName.Parse($"bench/app{app}");
            var pushedAt = start.AddMinutes(random.Next(1_000_000));
            var previous = tag > 0 ? images[^1] : null;
            ImageRecord image;
            if (previous is not null && tag % 10 == 0)
            {
                image = previous with { Tag = Tag.Parse($"r{tag}"), PushedAt = pushedAt };
            }
            else
            {
                var first = baseLayers[random.Next(BaseLayers)];
                var second = baseLayers[random.Next(BaseLayers)];
                var layers = ImmutableDictionary.CreateBuilder<Digest, long>();
                layers[Blob(1, number)] = 4096;
                layers[Blob(2, number)] = random.Next(1, 40) * MiB;
                layers[Blob(3, number)] = random.Next(1, 10) * MiB;
                layers[first.Digest] = first.Size;
                layers[second.Digest] = second.Size;
                image = new ImageRecord(workspace, $"app{app}", repository, Tag.Parse($"v{tag}"), Blob(4, number),
                    "application/vnd.oci.image.manifest.v1+json", pushedAt, layers.ToImmutable());
            }

            images.Add(image);
            foreach (var (digest, size) in image.Blobs)
            {
                blobs[digest] = size;
            }

            if (tag == TagsPerApp - 1 && images.Count < imageCount)
            {
                // latest on the app's newest push, as a build pipeline tags it.
                var newest = images.GetRange(appStart, images.Count - appStart).MaxBy(record => record.PushedAt)!;
                images.Add(newest with { Tag = Tag.Parse("latest") });
            }
        }

        var used = blobs.Values.Sum();
        var usage = new WorkspaceUsage(workspace, new QuotaPolicy(used * 10 / 9), used, images.Count);
        return (images, usage);
    }

    // Real-looking (uniformly random) digests, distinct per kind and number, as a registry's are.
    private static Digest Blob(int kind, int number) =>
        Digest.Sha256Of([(byte)kind, (byte)number, (byte)(number >> 8), (byte)(number >> 16), (byte)(number >> 24)]);
}
