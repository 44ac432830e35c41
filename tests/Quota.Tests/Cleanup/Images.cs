using System.Collections.Immutable;
using System.Text;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Cleanup;

/// <summary>Short ways to write a workspace's image records in a test: manifests and blobs named, times in minutes.</summary>
internal static class Images
{
    public static readonly WorkspaceId Workspace = WorkspaceId.TryParse("ws", out var id) ? id : throw new InvalidOperationException();

    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Digest Named(string name) => Digest.Sha256Of(Encoding.UTF8.GetBytes(name));

    /// <summary>A tag of <paramref name="app"/> in repository ws/&lt;app&gt; (or <paramref name="repository"/>), pushed <paramref name="minute"/> minutes after <see cref="Start"/>.</summary>
    public static ImageRecord Image(string app, string tag, int minute, string manifest, (string Blob, long Bytes)[] blobs, string? repository = null) => new(
        Workspace,
        app,
        RepositoryName.Parse(repository ?? $"ws/{app}"),
        Tag.Parse(tag),
        Named(manifest),
        "application/vnd.oci.image.manifest.v1+json",
        Start.AddMinutes(minute),
        blobs.ToImmutableDictionary(blob => Named(blob.Blob), blob => blob.Bytes));

    /// <summary>The usage aggregate the store would hold for exactly these records.</summary>
    public static WorkspaceUsage UsageOf(IReadOnlyCollection<ImageRecord> images, long quotaBytes, int triggerPercent = 80, int targetPercent = 70) =>
        new(Workspace, new QuotaPolicy(quotaBytes, TriggerPercent: triggerPercent, TargetPercent: targetPercent), Recount(images), images.Count);

    /// <summary>Bytes of the distinct blobs the records reference, counted from scratch: the oracle for usage.</summary>
    public static long Recount(IEnumerable<ImageRecord> images) =>
        images.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);

    /// <summary>"ws/api:v1"-style names of the tags a plan deletes, in plan order.</summary>
    public static IEnumerable<string> DeletedTags(this Orbit.Quota.Cleanup.CleanupPlan plan) =>
        plan.Deletions.SelectMany(deletion => deletion.Tags.Select(tag => $"{deletion.Repository}:{tag}"));
}
