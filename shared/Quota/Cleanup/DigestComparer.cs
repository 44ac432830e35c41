using System.Runtime.InteropServices;
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

    /// <summary>
    /// A digest's hex is already uniformly random, so 16 of its digits (64 bits; past the algorithm prefix, which
    /// both grammars give 7 characters) mixed by <see cref="HashCode"/> hash as well as all 64 would, at a fraction
    /// of the cost. Forging digests that collide there would take 2^64 hashing work per collision.
    /// </summary>
    public int GetHashCode(Digest digest)
    {
        var hex = MemoryMarshal.Cast<char, long>(digest.Value.AsSpan(7, 16));
        return HashCode.Combine(hex[0], hex[1], hex[2], hex[3]);
    }
}
