using Orbit.Quota.Images;
using Orbit.Quota.Usage;

namespace Orbit.Functions.Quota;

/// <summary>
/// An image record as the internal API returns it: <c>sizeBytes</c> counts all its distinct blobs, <c>uniqueBytes</c>
/// only those no other tracked image references (what deleting it alone frees).
/// </summary>
public sealed record ImageResponse(
    string Id, string WorkspaceId, string AppId, string Repository, string Tag, string Digest, string MediaType, DateTimeOffset PushedAt, long SizeBytes, long UniqueBytes)
{
    public static ImageResponse From(ImageSummary image) => new(
        new ImageId(image.WorkspaceId, image.Repository, image.Tag).Encoded,
        image.WorkspaceId.Value, image.AppId, image.Repository.Value, image.Tag.Value, image.Digest.Value, image.MediaType, image.PushedAt, image.SizeBytes, image.UniqueBytes);
}
