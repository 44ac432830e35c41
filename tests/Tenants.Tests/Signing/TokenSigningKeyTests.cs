using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orbit.Tenants.Signing;

namespace Orbit.Tenants.Tests.Signing;

public sealed class TokenSigningKeyTests
{
    [Fact]
    public void A_stored_key_reads_back_with_the_key_id_of_its_certificates_public_key()
    {
        var pem = TokenSigningKey.CreatePem(DateTimeOffset.UtcNow, TimeSpan.FromDays(30));

        using var key = TokenSigningKey.FromPem(pem);
        using var certificate = X509Certificate2.CreateFromPem(key.CertificatePem);

        Assert.Equal(LibtrustKeyId.FromSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo()), key.KeyId);
        Assert.DoesNotContain("PRIVATE KEY", key.CertificatePem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_stored_with_someone_elses_key_is_refused()
    {
        var pem = TokenSigningKey.CreatePem(DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var mismatched = pem[..(pem.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))] + other.ExportPkcs8PrivateKeyPem();

        Assert.Throws<InvalidDataException>(() => TokenSigningKey.FromPem(mismatched));
    }
}
