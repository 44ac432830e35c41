using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Orbit.Registry.References;

namespace Orbit.Tenants.Images;

/// <summary>
/// A fully qualified image reference, <c>registry[:port]/repository[:tag][@digest]</c>. The registry is
/// required: a reference without one would mean Docker Hub, never the shared registry.
/// </summary>
public sealed partial record ImageReference(string Registry, RepositoryName Repository, Tag? Tag, Digest? Digest)
{
    public const string Shape = "'<registry>/<repository>:<tag>' or '<registry>/<repository>@sha256:<64 hex digits>'";

    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference)
    {
        reference = null;
        if (string.IsNullOrEmpty(text) || text.Length > 512 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var name = text;
        Digest? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Digest.TryParse(text[(at + 1)..], out digest))
            {
                return false;
            }

            name = text[..at];
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var registry = name[..slash];
        if (!RegistryHostGrammar().IsMatch(registry) || !(registry.Contains('.') || registry.Contains(':') || registry == "localhost"))
        {
            return false;
        }

        var path = name[(slash + 1)..];
        Tag? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!Tag.TryParse(path[(colon + 1)..], out tag))
            {
                return false;
            }

            path = path[..colon];
        }

        if ((tag is null && digest is null) || !RepositoryName.TryParse(path, out var repository))
        {
            return false;
        }

        reference = new ImageReference(registry, repository, tag, digest);
        return true;
    }

    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? string.Empty : $":{Tag}")}{(Digest is null ? string.Empty : $"@{Digest}")}";

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?$")]
    private static partial Regex RegistryHostGrammar();
}
