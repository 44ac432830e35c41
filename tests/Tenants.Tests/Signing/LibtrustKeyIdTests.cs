using System.Security.Cryptography;
using System.Text;
using Orbit.Tenants.Signing;

namespace Orbit.Tenants.Tests.Signing;

public sealed class LibtrustKeyIdTests
{
    [Fact]
    public void The_id_is_twelve_groups_of_four_base32_symbols()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var id = LibtrustKeyId.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());

        Assert.Matches("^[A-Z2-7]{4}(?::[A-Z2-7]{4}){11}$", id);
    }

    [Fact]
    public void The_id_encodes_the_first_240_bits_of_the_sha256_of_the_subject_public_key_info()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();

        var id = LibtrustKeyId.FromSubjectPublicKeyInfo(spki);

        Assert.Equal(BitByBitBase32(SHA256.HashData(spki)[..30]), id.Replace(":", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Different_keys_have_different_ids_and_one_key_always_the_same()
    {
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(LibtrustKeyId.FromSubjectPublicKeyInfo(first.ExportSubjectPublicKeyInfo()), LibtrustKeyId.FromSubjectPublicKeyInfo(first.ExportSubjectPublicKeyInfo()));
        Assert.NotEqual(LibtrustKeyId.FromSubjectPublicKeyInfo(first.ExportSubjectPublicKeyInfo()), LibtrustKeyId.FromSubjectPublicKeyInfo(second.ExportSubjectPublicKeyInfo()));
    }

    // An independent, deliberately naive encoder: write out every bit, read five at a time.
    private static string BitByBitBase32(byte[] bytes)
    {
        var bits = string.Concat(bytes.Select(value => Convert.ToString(value, 2).PadLeft(8, '0')));
        var text = new StringBuilder();
        for (var start = 0; start < bits.Length; start += 5)
        {
            text.Append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[Convert.ToInt32(bits.Substring(start, 5), 2)]);
        }

        return text.ToString();
    }
}
