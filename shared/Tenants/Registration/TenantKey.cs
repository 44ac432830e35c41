using System.Buffers.Text;
using System.Security.Cryptography;

namespace Orbit.Tenants.Registration;

/// <summary>A new tenant key: 32 random bytes, base64url, shown to the caller once and then only its hash kept.</summary>
public static class TenantKey
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
