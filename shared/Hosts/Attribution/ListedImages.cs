namespace Orbit.Hosts.Attribution;

/// <summary>The listed images, found by id or by any of their references.</summary>
internal sealed class ListedImages
{
    private readonly Dictionary<string, ImageSnapshot> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageSnapshot> byReference = new(StringComparer.Ordinal);

    public ListedImages(IEnumerable<ImageSnapshot> images)
    {
        foreach (var image in images)
        {
            byId.TryAdd(ImageReference.CanonicalId(image.Id), image);
            foreach (var tag in image.RepoTags)
            {
                byReference.TryAdd(ImageReference.Normalize(tag), image);
            }
        }
    }

    public bool Contains(string canonicalId) => byId.ContainsKey(canonicalId);

    /// <summary>The image an image event is about: by Actor.ID when it is an id, else by the reference it names.</summary>
    public ImageSnapshot? Find(HostEvent imageEvent)
    {
        if (imageEvent.ActorId.Length > 0 && byId.TryGetValue(ImageReference.CanonicalId(imageEvent.ActorId), out var byActorId))
        {
            return byActorId;
        }

        imageEvent.Attributes.TryGetValue("name", out var attributeName);
        foreach (var reference in (string?[])[imageEvent.ActorName, imageEvent.ActorId, attributeName])
        {
            if (!string.IsNullOrWhiteSpace(reference) && byReference.TryGetValue(ImageReference.Normalize(reference), out var image))
            {
                return image;
            }
        }

        return null;
    }
}
