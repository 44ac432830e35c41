using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Orbit.Tenants.Signing;

/// <summary>
/// The issuer's ES256 key and its self-signed certificate (what the registry's <c>rootcertbundle</c> holds),
/// kept together as one PEM document: the certificate, then the PKCS#8 private key.
/// </summary>
public sealed class TokenSigningKey : IDisposable
{
    private const string SubjectName = "CN=orbit-registry-token-issuer";

    private readonly ECDsa key;

    private TokenSigningKey(ECDsa key, string certificatePem)
    {
        this.key = key;
        CertificatePem = certificatePem;
        KeyId = LibtrustKeyId.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
        Credentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.EcdsaSha256);
        ValidationKey = new ECDsaSecurityKey(key) { KeyId = KeyId };
    }

    /// <summary>The certificate alone, PEM: public, for the registry's <c>auth.token.rootcertbundle</c>.</summary>
    public string CertificatePem { get; }

    /// <summary>The libtrust-format key id, sent as every token's <c>kid</c>.</summary>
    public string KeyId { get; }

    public SigningCredentials Credentials { get; }

    public SecurityKey ValidationKey { get; }

    /// <summary>A new P-256 key and a certificate over it, as the PEM document to store.</summary>
    public static string CreatePem(DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now + validity);
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>Reads the stored document; refuses one whose certificate is not over its key (tokens would never verify).</summary>
    public static TokenSigningKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            using var certificate = X509Certificate2.CreateFromPem(pem);
            using var certificateKey = certificate.GetECDsaPublicKey()
                ?? throw new InvalidDataException("The stored token-issuer certificate is not over an EC key.");
            if (!certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                throw new InvalidDataException("The stored token-issuer certificate does not match the stored private key.");
            }

            return new TokenSigningKey(key, certificate.ExportCertificatePem() + "\n");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose() => key.Dispose();
}
