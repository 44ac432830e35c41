using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Orbit.Functions.Hosting;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// The whole summary of a cleanup the check carried out that the workspace's history cannot keep whole (more than
/// <see cref="CleanupRecord.MaxDeletions"/> deletions, or more than <see cref="CleanupRecord.MaxLogLines"/> lines of log),
/// one blob per build beside the kept plans (container Builds:CleanupPlanContainer, under <c>summaries/</c>), for the
/// build's output. Without it the check would return the whole summary, hundreds of kilobytes at a few thousand
/// deletions: one of Durable's large messages (compressed into a blob, read back by the next episode, kept in the
/// history), which took about 0.15 s of a 2,160-digest cleanup's way to <c>ready-to-build</c> (docs/benchmarks.md, run BC).
/// A summary is needed only until its build reads it back after the push, which comes within Builds:Timeout of the build
/// being ready; each write deletes the workspace's summaries older than that and a day.
/// </summary>
public sealed class LargeCleanupSummaries
{
    private const string Prefix = "summaries/";

    private static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    private readonly CleanupPlanContainer container;
    private readonly TimeSpan keptFor;
    private readonly TimeProvider time;

    public LargeCleanupSummaries(CleanupPlanContainer container, IOptions<BuildOptions> options, TimeProvider time)
    {
        this.container = container;
        keptFor = options.Value.Timeout + Margin;
        this.time = time;
    }

    /// <summary>Keeps (or replaces) <paramref name="buildId"/>'s whole summary, and deletes the workspace's summaries no build will read again.</summary>
    public async Task KeepAsync(WorkspaceId workspace, string buildId, CleanupSummary summary, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync();
        var name = BlobName(workspace, buildId);
        // Side by side: the write is on the way to ready-to-build, and the listing does not need it.
        await Task.WhenAll(
            blobs.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(summary, AppJson.Options), overwrite: true, cancellationToken),
            DeleteExpiredAsync(blobs, workspace, name, cancellationToken));
    }

    /// <summary><paramref name="buildId"/>'s whole summary, or null when it is not kept (never was, or expired).</summary>
    public async Task<CleanupSummary?> GetAsync(WorkspaceId workspace, string buildId, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync()).GetBlobClient(BlobName(workspace, buildId));
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToObjectFromJson<CleanupSummary>(AppJson.Options);
        }
        catch (RequestFailedException exception) when (exception.Status is 404)
        {
            return null;
        }
    }

    private async Task DeleteExpiredAsync(BlobContainerClient blobs, WorkspaceId workspace, string written, CancellationToken cancellationToken)
    {
        var expiredBefore = time.GetUtcNow() - keptFor;
        await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, WorkspacePrefix(workspace), cancellationToken))
        {
            if (blob.Name != written && blob.Properties.LastModified < expiredBefore)
            {
                // Another writer may have deleted it first: nothing to do then.
                await blobs.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            }
        }
    }

    private static string WorkspacePrefix(WorkspaceId workspace) => $"{Prefix}{workspace.Value}/";

    // A workspace id has no '/', so one workspace's prefix never lists another's; a build id is a caller's, so it goes escaped.
    private static string BlobName(WorkspaceId workspace, string buildId) => WorkspacePrefix(workspace) + Uri.EscapeDataString(buildId);
}
