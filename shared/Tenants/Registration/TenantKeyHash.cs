using System.Security.Cryptography;
using System.Text;

namespace Orbit.Tenants.Registration;

/// <summary>The SHA-256 of a tenant key, which is all that is stored; compared in constant time.</summary>
public sealed record TenantKeyHash
{
    private readonly byte[] hash;

    private TenantKeyHash(byte[] hash) => this.hash = hash;

    public string Hex => Convert.ToHexStringLower(hash);

    public static TenantKeyHash Of(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static TenantKeyHash FromHex(string hex) => new(Convert.FromHexString(hex));

    /// <summary>Whether <paramref name="presentedKey"/> is the key; null or empty never is.</summary>
    public bool Matches(string? presentedKey) =>
        !string.IsNullOrEmpty(presentedKey) && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)), hash);

    public bool Equals(TenantKeyHash? other) => other is not null && CryptographicOperations.FixedTimeEquals(hash, other.hash);

    public override int GetHashCode() => BitConverter.ToInt32(hash, 0);

    public override string ToString() => Hex;
}
