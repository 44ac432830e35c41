using System.Diagnostics.CodeAnalysis;

namespace Orbit.Registry.References;

/// <summary>What a manifest request names: a tag or a digest.</summary>
public sealed record ManifestReference
{
    private ManifestReference(string value, Digest? digest)
    {
        Value = value;
        Digest = digest;
    }

    public string Value { get; }

    /// <summary>The digest, when the reference is one.</summary>
    public Digest? Digest { get; }

    public static implicit operator ManifestReference(Tag tag) => new(tag.Value, null);

    public static implicit operator ManifestReference(Digest digest) => new(digest.Value, digest);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ManifestReference? reference)
    {
        if (Digest.TryParse(text, out var digest))
        {
            reference = digest;
        }
        else if (Tag.TryParse(text, out var tag))
        {
            reference = tag;
        }
        else
        {
            reference = null;
        }

        return reference is not null;
    }

    public override string ToString() => Value;
}
