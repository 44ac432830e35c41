using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Orbit.FunctionHost.Timers;

/// <summary>
/// The status blob of one timer function. An occurrence runs only after an instance has claimed it
/// with a conditional write (ETag), so even while the singleton lock changes hands no occurrence
/// runs twice.
/// </summary>
internal sealed class TimerStatusBlob(BlobClient blob, TimeProvider time)
{
    public async Task<TimerStatus?> ReadAsync(CancellationToken cancellationToken) => (await ReadWithETagAsync(cancellationToken)).Status;

    public async Task<bool> TryClaimAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var (current, etag) = await ReadWithETagAsync(cancellationToken);
        if (current is not null && current.Last >= occurrence)
        {
            return false;
        }

        var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await blob.UploadAsync(
                BinaryData.FromObjectAsJson(new TimerStatus(occurrence, time.GetUtcNow())),
                new BlobUploadOptions { Conditions = conditions },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<(TimerStatus? Status, ETag? ETag)> ReadWithETagAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            var status = content.Value.Content.ToMemory().IsEmpty ? null : content.Value.Content.ToObjectFromJson<TimerStatus>();
            return (status, content.Value.Details.ETag);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return (null, null);
        }
        catch (JsonException)
        {
            // A damaged status blob is overwritten by the next claim rather than stopping the timer.
            return (null, (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag);
        }
    }
}
