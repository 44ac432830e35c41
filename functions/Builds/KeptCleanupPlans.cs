using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orbit.Functions.Hosting;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// Keeps the plan a build's check carries out itself (<see cref="CheckQuotaActivity"/>), one blob per workspace, written
/// before its first DELETE: the check's own result is recorded only once it returns, so a check run again after its
/// instance died (or after it failed) finds its plan here and resumes it, and reports every digest of it, those the
/// earlier attempt deleted as already deleted. Only the holder of the workspace's cleanup lease writes, and the next
/// holder's plan replaces this one, so a plan is found only by the build that made it, and only until another build has
/// cleaned the workspace. The blob's metadata says whose plan it is, so a check looks with one HEAD, and how far the check
/// has carried it out (<see cref="CleanupProgress"/>), which <c>GET /api/builds/{id}</c> shows while the check runs: the
/// orchestration's own status cannot change until the check returns.
/// </summary>
public sealed class KeptCleanupPlans(CleanupPlanContainer container)
{
    private const string BuildMetadata = "build";
    private const string ProgressMetadata = "progress";

    /// <summary>The plan <paramref name="buildId"/> kept for <paramref name="workspace"/> in an earlier attempt of its check, if the workspace's latest kept plan is its own.</summary>
    public async Task<KeptCleanupPlan?> FindAsync(WorkspaceId workspace, string buildId, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(workspace);
        try
        {
            if (!IsOwnedBy((await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata, buildId))
            {
                return null;
            }

            // The download says again whose plan it is: another build's may have replaced it since the HEAD. (Not If-Match on
            // the HEAD's version: a progress write, landing late from an earlier attempt, changes the version, not the plan.)
            var content = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return IsOwnedBy(content.Details.Metadata, buildId) && content.Content.ToObjectFromJson<PlannedCleanup>(AppJson.Options) is { } plan && plan.WorkspaceId == workspace
                ? new KeptCleanupPlan(plan, content.Details.ETag)
                : null;
        }
        catch (RequestFailedException exception) when (exception.Status is 404)
        {
            return null;
        }
    }

    /// <summary>Keeps <paramref name="plan"/> as the one <paramref name="buildId"/>, holding the workspace's cleanup lease, carries out.</summary>
    public async Task<KeptCleanupPlan> KeepAsync(string buildId, PlannedCleanup plan, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(plan.WorkspaceId);
        var uploaded = await blob.UploadAsync(
            BinaryData.FromObjectAsJson(plan, AppJson.Options),
            new BlobUploadOptions { Metadata = Metadata(buildId, null) },
            cancellationToken);
        return new KeptCleanupPlan(plan, uploaded.Value.ETag);
    }

    /// <summary>
    /// Writes how far <paramref name="buildId"/> has carried out its kept plan, on the blob's version <paramref name="version"/>:
    /// the new version, or null when the blob is no longer that version (another build's plan replaced it).
    /// </summary>
    public async Task<ETag?> ReportAsync(WorkspaceId workspace, string buildId, ETag version, CleanupProgress progress, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(workspace);
        try
        {
            var written = await blob.SetMetadataAsync(Metadata(buildId, progress), new BlobRequestConditions { IfMatch = version }, cancellationToken);
            return written.Value.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>How far <paramref name="buildId"/>'s check has carried out the plan it kept for <paramref name="workspace"/>, if that is the workspace's latest kept plan and it has said.</summary>
    public async Task<CleanupProgress?> ProgressAsync(WorkspaceId workspace, string buildId, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(workspace);
        try
        {
            var metadata = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
            return IsOwnedBy(metadata, buildId) && metadata.TryGetValue(ProgressMetadata, out var progress)
                ? JsonSerializer.Deserialize<CleanupProgress>(Uri.UnescapeDataString(progress), AppJson.Options)
                : null;
        }
        catch (RequestFailedException exception) when (exception.Status is 404)
        {
            return null;
        }
    }

    private async Task<BlobClient> BlobAsync(WorkspaceId workspace) => (await container.GetAsync()).GetBlobClient(workspace.Value);

    private static bool IsOwnedBy(IDictionary<string, string> metadata, string buildId) =>
        metadata.TryGetValue(BuildMetadata, out var owner) && Uri.UnescapeDataString(owner) == buildId;

    // Metadata values must be ASCII: the build id (a caller may choose it) and the progress go escaped.
    private static Dictionary<string, string> Metadata(string buildId, CleanupProgress? progress)
    {
        var metadata = new Dictionary<string, string> { [BuildMetadata] = Uri.EscapeDataString(buildId) };
        if (progress is not null)
        {
            metadata[ProgressMetadata] = Uri.EscapeDataString(JsonSerializer.Serialize(progress, AppJson.Options));
        }

        return metadata;
    }
}
