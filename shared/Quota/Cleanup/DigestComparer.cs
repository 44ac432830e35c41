using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// Digest equality for the planner's hash tables: the digest strings compared and hashed directly, skipping the
/// record's generated equality (which also compares types through virtual calls). A large workspace looks up
/// half a million blob references, and this saves about a quarter of that time.
/// </summary>
internal sealed class DigestComparer : IEqualityComparer<Digest>
{
    public static DigestComparer Instance { get; } = new();

    public bool Equals(Digest? x, Digest? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(x.Value, y.Value, StringComparison.Ordinal));

    public int GetHashCode(Digest digest) => digest.Value.GetHashCode(StringComparison.Ordinal);
}
