namespace Orbit.Hosts.Attribution;

/// <summary>
/// Image ids and references in one spelling, so an event's "busybox" finds the listed "docker.io/library/busybox:latest"
/// and a tag event's bare hex id finds the listed "sha256:" id.
/// </summary>
internal static class ImageReference
{
    public static string CanonicalId(string id) =>
        id.StartsWith("sha256:", StringComparison.Ordinal) ? id["sha256:".Length..] : id;

    public static string Normalize(string reference)
    {
        var name = reference.Trim();
        foreach (var prefix in (string[])["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        var lastSegment = name[(name.LastIndexOf('/') + 1)..];
        return name.Contains('@', StringComparison.Ordinal) || lastSegment.Contains(':', StringComparison.Ordinal) ? name : name + ":latest";
    }
}
