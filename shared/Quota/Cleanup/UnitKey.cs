using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// What identifies a <see cref="ManifestUnit"/>: a repository (numbered by the index) and a manifest digest.
/// Hashes the digest's string directly rather than through the record's generated equality, since a large
/// workspace hashes one per image.
/// </summary>
internal readonly record struct UnitKey(int Repository, Digest Digest)
{
    public bool Equals(UnitKey other) => Repository == other.Repository && DigestComparer.Instance.Equals(Digest, other.Digest);

    public override int GetHashCode() => HashCode.Combine(Repository, DigestComparer.Instance.GetHashCode(Digest));
}
