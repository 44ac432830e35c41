using System.Security.Cryptography;
using System.Text;

namespace Orbit.Tenants.Signing;

/// <summary>
/// The key id CNCF Distribution expects in a token's <c>kid</c> (libtrust's fingerprint): the first 240 bits
/// of SHA-256 over the DER SubjectPublicKeyInfo, base32 (RFC 4648, no padding), in 12 groups of 4 joined by ':'.
/// The registry looks the signing key up by this id among the keys of its <c>rootcertbundle</c>.
/// </summary>
public static class LibtrustKeyId
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(subjectPublicKeyInfo, hash);
        var encoded = Base32(hash[..30]);
        var id = new StringBuilder(encoded.Length + 11);
        for (var group = 0; group < encoded.Length; group += 4)
        {
            if (group > 0)
            {
                id.Append(':');
            }

            id.Append(encoded, group, 4);
        }

        return id.ToString();
    }

    // 30 bytes are 240 bits, exactly 48 five-bit symbols: no padding to worry about.
    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 8 / 5);
        var buffer = 0;
        var bits = 0;
        foreach (var value in bytes)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
