using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Images;

namespace Orbit.Functions.Quota;

/// <summary>
/// <c>DELETE /api/internal/registry-images/{id}</c>: deletes the image from the registry (by digest) and
/// from the accounting: 204; 404 when unknown; 409 naming the other tags when they share its digest and
/// the registry cannot remove a tag alone.
/// </summary>
public sealed class DeleteRegistryImageFunction(ImageDeleter deleter)
{
    [Function("DeleteRegistryImage")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "internal/registry-images/{id}")] HttpRequest request, CancellationToken cancellationToken)
    {
        var text = request.RouteValues["id"] as string;
        if (!ImageId.TryDecode(text, out var id))
        {
            throw ProblemException.BadRequest($"'{text}' is not an image id (as returned by the registry-images endpoints).");
        }

        var deletion = await deleter.DeleteAsync(id, cancellationToken);

        return deletion.Result switch
        {
            ImageDeletionResult.NotFound => throw ProblemException.NotFound($"{id.Repository}:{id.Tag} is not tracked in workspace {id.WorkspaceId}."),
            ImageDeletionResult.SharedDigest => throw new ProblemException(409, "Conflict",
                $"{id.Repository}:{id.Tag} shares its digest with {string.Join(", ", deletion.SharingTags)}; this registry deletes by digest only, which would remove those tags too. Delete them together, or retag.",
                new Dictionary<string, object?> { ["sharingTags"] = deletion.SharingTags.Select(tag => tag.Value).ToArray() }),
            _ => Results.NoContent(),
        };
    }
}
