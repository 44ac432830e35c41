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

    // A property holds at most 64 KiB (32 Ki UTF-16 characters). A commit's rows bound its text well below this (at most 99
    // rows, two for each tag it untracks), so a second row of a moment is a safeguard, not the rule.
    private const int UntrackedTextLimit = 30_000;

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

    /// <summary>
    /// The key of a row of a commit's manifest untracks: the commit's time, then its first manifest, which no other commit
    /// of that moment untracks. '@' never starts a repository, so these keys differ from the one-manifest rows before them.
    /// </summary>
    public static string UntrackedKey(DateTimeOffset untrackedAt, RepositoryName firstRepository, Digest firstDigest) =>
        $"{UntrackedPrefix}@{untrackedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{RepositoryKey(firstRepository)}|{firstDigest}";

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

    /// <summary>
    /// The rows that record a commit's manifest untracks: one for all the manifests untracked at one moment (a commit's
    /// share one), a line each, as long as its text stays within what a property holds; rows of a moment beyond that. One
    /// row rather than one a manifest: a row costs a transaction operation, and a cleanup's commit untracks ten manifests
    /// or more (about four other rows each).
    /// </summary>
    public static IEnumerable<TableEntity> Untracked(WorkspaceId workspace, IReadOnlyList<UntrackedManifest> manifests)
    {
        foreach (var moment in manifests.GroupBy(manifest => manifest.UntrackedAt))
        {
            var lines = new List<string>();
            var first = moment.First();
            var length = 0;
            foreach (var manifest in moment)
            {
                var line = UntrackedLine(manifest);
                if (lines.Count > 0 && length + line.Length + 1 > UntrackedTextLimit)
                {
                    yield return UntrackedRow(workspace, first, lines);
                    (lines, first, length) = ([], manifest, 0);
                }

                lines.Add(line);
                length += line.Length + 1;
            }

            yield return UntrackedRow(workspace, first, lines);
        }
    }

    /// <summary>The manifest untracks a row records: a commit's (several lines), or one manifest's, as rows were written before.</summary>
    public static IEnumerable<UntrackedManifest> ReadUntracked(TableEntity row)
    {
        var at = row.GetDateTimeOffset("UntrackedAt") ?? DateTimeOffset.MinValue;
        if (row.GetString("Manifests") is not { } text)
        {
            yield return new UntrackedManifest(
                RepositoryName.Parse(row.GetString("Repository")!), Digest.Parse(row.GetString("Digest")!), ParseTags(row.GetString("Tags")), row.GetInt64("FreedBytes") ?? 0, at);
            yield break;
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            yield return new UntrackedManifest(
                RepositoryName.Parse(fields[0]), Digest.Parse(fields[1]), ParseTags(fields.Length > 3 ? fields[3] : null, ','), long.Parse(fields[2], CultureInfo.InvariantCulture), at);
        }
    }

    // Repository names, digests and tags hold neither spaces, commas nor line breaks.
    private static string UntrackedLine(UntrackedManifest manifest) =>
        $"{manifest.Repository} {manifest.Digest} {manifest.FreedBytes.ToString(CultureInfo.InvariantCulture)} {string.Join(',', manifest.Tags)}";

    private static TableEntity UntrackedRow(WorkspaceId workspace, UntrackedManifest first, IEnumerable<string> lines) =>
        new(workspace.Value, UntrackedKey(first.UntrackedAt, first.Repository, first.Digest))
        {
            ["Manifests"] = string.Join('\n', lines),
            ["UntrackedAt"] = first.UntrackedAt,
        };

    private static List<Tag> ParseTags(string? text, char separator = ' ') =>
        (text ?? string.Empty).Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(Tag.Parse).ToList();

    /// <summary>The repository as row keys spell it: '/' is not allowed in a key.</summary>
    public static string RepositoryKey(RepositoryName repository) => repository.Value.Replace('/', '!');
}
