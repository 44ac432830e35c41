using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Orbit.Functions.Builds;

/// <summary>
/// The blob container Builds:CleanupPlanContainer, created once per process on first use: the kept plans
/// (<see cref="KeptCleanupPlans"/>) and the summaries too large for the history (<see cref="LargeCleanupSummaries"/>)
/// share it.
/// </summary>
public sealed class CleanupPlanContainer(BlobServiceClient blobs, IOptions<BuildOptions> options)
{
    private readonly Lazy<Task<BlobContainerClient>> container = new(async () =>
    {
        var client = blobs.GetBlobContainerClient(options.Value.CleanupPlanContainer);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public Task<BlobContainerClient> GetAsync() => container.Value;
}
