using System.Collections.Immutable;
using System.Globalization;
using Azure.Data.Tables;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Storage;

/// <summary>
/// The rows of one workspace's partition and how records map to them. Row keys may not hold '/', so a
/// repository's '/' becomes '!' (which its grammar never contains).
/// </summary>
internal static class UsageRows
{
    public const string WorkspaceKey = "workspace";
    public const string JournalKey = "journal";
    public const string ImagePrefix = "image|";
    public const string PushedPrefix = "pushed|";
    public const string BlobPrefix = "blob|";

    /// <summary>Sorts after every other row of the partition, so no range read of blobs, images or pushes meets these.</summary>
    public const string UntrackedPrefix = "untracked|";

    public static string ImageKey(RepositoryName repository, Tag tag) => $"{RepositoryPrefix(repository)}{tag}";

    public static string RepositoryPrefix(RepositoryName repository) => $"{ImagePrefix}{RepositoryKey(repository)}|";

    public static string PushedKey(ImageRecord image) =>
        $"{PushedPrefix}{image.PushedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{RepositoryKey(image.Repository)}|{image.Tag}";

    public static string BlobKey(Digest digest) => $"{BlobPrefix}{digest}";

    /// <summary>
    /// The key just after every key that starts with <paramref name="prefix"/> (which ends in '|'): '}' follows '|' in
    /// ordinal order, so a range from the prefix to this holds exactly the keys that start with it.
    /// </summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + "}";

    public static string UntrackedKey(RepositoryName repository, Digest digest) => $"{UntrackedPrefix}{RepositoryKey(repository)}|{digest}";

    /// <summary>The columns <see cref="ReadWorkspace"/> reads.</summary>
    public static readonly IReadOnlyList<string> WorkspaceColumns =
        ["PartitionKey", "RowKey", "QuotaBytes", "WarnPercent", "TriggerPercent", "TargetPercent", "CriticalPercent", "UsedBytes", "ImageCount"];

    public static TableEntity Workspace(WorkspaceUsage usage, bool journalPending) => new(usage.Id.Value, WorkspaceKey)
    {
        ["QuotaBytes"] = usage.Policy.QuotaBytes,
        ["WarnPercent"] = usage.Policy.WarnPercent,
        ["TriggerPercent"] = usage.Policy.TriggerPercent,
        ["TargetPercent"] = usage.Policy.TargetPercent,
        ["CriticalPercent"] = usage.Policy.CriticalPercent,
        ["UsedBytes"] = usage.UsedBytes,
        ["ImageCount"] = usage.ImageCount,
        ["JournalPending"] = journalPending,
    };

    public static WorkspaceUsage ReadWorkspace(TableEntity row) => new(
        WorkspaceId.TryParse(row.PartitionKey, out var id) ? id : throw new InvalidOperationException($"Bad workspace partition '{row.PartitionKey}'."),
        new QuotaPolicy(
            row.GetInt64("QuotaBytes") ?? 0,
            row.GetInt32("WarnPercent") ?? 70,
            row.GetInt32("TriggerPercent") ?? 80,
            row.GetInt32("TargetPercent") ?? 70,
            row.GetInt32("CriticalPercent") ?? 90),
        row.GetInt64("UsedBytes") ?? 0,
        row.GetInt32("ImageCount") ?? 0);

    public static bool JournalPending(TableEntity row) => row.GetBoolean("JournalPending") ?? false;

    /// <summary>
    /// The image row and the pushed row (the same record, in pushedAt order, for listings) both hold the record with its
    /// blob list, so a page of a listing can say what each image alone frees without reading the image rows.
    /// </summary>
    public static TableEntity Image(ImageRecord image, string rowKey) => new(image.WorkspaceId.Value, rowKey)
    {
        ["AppId"] = image.AppId,
        ["Repository"] = image.Repository.Value,
        ["Tag"] = image.Tag.Value,
        ["Digest"] = image.Digest.Value,
        ["MediaType"] = image.MediaType,
        ["PushedAt"] = image.PushedAt,
        ["SizeBytes"] = image.SizeBytes,
        ["Blobs"] = string.Join(' ', image.Blobs.Select(blob => $"{blob.Key}={blob.Value.ToString(CultureInfo.InvariantCulture)}")),
    };

    /// <summary>Pushed rows written before they carried the blob list have none: their record is read from the image row.</summary>
    public static bool HasBlobs(TableEntity row) => row.ContainsKey("Blobs");

    /// <summary>What <see cref="ReadImage"/> reads of an image row: a query for records asks for these alone.</summary>
    public static readonly IReadOnlyList<string> ImageColumns = ["PartitionKey", "AppId", "Repository", "Tag", "Digest", "MediaType", "PushedAt", "Blobs"];

    public static ImageRecord ReadImage(TableEntity row)
    {
        var blobs = (row.GetString("Blobs") ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToImmutableDictionary(parts => Digest.Parse(parts[0]), parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
        return new ImageRecord(
            WorkspaceId.TryParse(row.PartitionKey, out var id) ? id : throw new InvalidOperationException($"Bad workspace partition '{row.PartitionKey}'."),
            row.GetString("AppId") ?? string.Empty,
            RepositoryName.Parse(row.GetString("Repository")!),
            Tag.Parse(row.GetString("Tag")!),
            Digest.Parse(row.GetString("Digest")!),
            row.GetString("MediaType") ?? string.Empty,
            row.GetDateTimeOffset("PushedAt") ?? DateTimeOffset.MinValue,
            blobs);
    }

    public static TableEntity Blob(WorkspaceId workspace, Digest digest, BlobReferenceCount count) => new(workspace.Value, BlobKey(digest))
    {
        ["Size"] = count.Size,
        ["References"] = count.References,
    };

    public static BlobReferenceCount ReadBlob(TableEntity row) => new(row.GetInt64("Size") ?? 0, row.GetInt32("References") ?? 0);

    public static TableEntity Untracked(WorkspaceId workspace, UntrackedManifest manifest) => new(workspace.Value, UntrackedKey(manifest.Repository, manifest.Digest))
    {
        ["Repository"] = manifest.Repository.Value,
        ["Digest"] = manifest.Digest.Value,
        ["Tags"] = string.Join(' ', manifest.Tags),
        ["FreedBytes"] = manifest.FreedBytes,
        ["UntrackedAt"] = manifest.UntrackedAt,
    };

    public static UntrackedManifest ReadUntracked(TableEntity row) => new(
        RepositoryName.Parse(row.GetString("Repository")!),
        Digest.Parse(row.GetString("Digest")!),
        (row.GetString("Tags") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Tag.Parse).ToList(),
        row.GetInt64("FreedBytes") ?? 0,
        row.GetDateTimeOffset("UntrackedAt") ?? DateTimeOffset.MinValue);

    private static string RepositoryKey(RepositoryName repository) => repository.Value.Replace('/', '!');
}
