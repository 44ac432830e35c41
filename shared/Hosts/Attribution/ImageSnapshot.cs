namespace Orbit.Hosts.Attribution;

/// <summary>An image present on the host, with its layers (from the API's image history).</summary>
/// <param name="Id">The image id ("sha256:…"; the bare hex form matches too).</param>
/// <param name="RepoTags">Its references ("registry:5000/app:1"); how pull and tag events are matched to it.</param>
public sealed record ImageSnapshot(string Id, IReadOnlyList<string> RepoTags, IReadOnlyList<LayerSnapshot> Layers);
