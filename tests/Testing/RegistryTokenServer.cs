using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orbit.Testing;

/// <summary>
/// A token service of the Docker token authentication spec, for testing clients against a registry
/// with <c>auth.token</c>: ES256 JWTs with the signing certificate in <c>x5c</c>, the certificate
/// written out for the registry's <c>rootcertbundle</c>. Users and what they may do are given per test.
/// </summary>
public sealed class RegistryTokenServer : IDisposable
{
    public const string Service = "orbit-test-registry";
    public const string Issuer = "orbit-test-issuer";

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 certificate;
    private readonly IReadOnlyDictionary<string, (string Password, string[] Actions)> users;
    private readonly ConcurrentQueue<string> requestedScopes = new();
    private readonly LoopbackHttpServer server;

    public RegistryTokenServer(IReadOnlyDictionary<string, (string Password, string[] Actions)> users, string certificateDirectory)
    {
        this.users = users;
        var request = new CertificateRequest("CN=orbit-test-token-issuer", key, HashAlgorithmName.SHA256);
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePath = Path.Combine(certificateDirectory, "token-issuer.pem");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        server = new LoopbackHttpServer(IssueAsync);
    }

    public int Port => server.Port;

    public Uri Realm => new($"http://127.0.0.1:{Port}/token");

    public string CertificatePath { get; }

    /// <summary>Every scope a token was asked for, in order.</summary>
    public IReadOnlyList<string> RequestedScopes => requestedScopes.ToList();

    public string RegistryAuthYaml => $"""
        auth:
          token:
            realm: {Realm}
            service: {Service}
            issuer: {Issuer}
            rootcertbundle: {CertificatePath}
        """;

    /// <summary>A token for <paramref name="user"/> with the actions they may have of those in <paramref name="scope"/>.</summary>
    public string Issue(string user, string scope)
    {
        var allowed = users.TryGetValue(user, out var entry) ? entry.Actions : [];
        var access = new List<object>();
        foreach (var item in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':');
            if (parts.Length == 3)
            {
                access.Add(new Dictionary<string, object>
                {
                    ["type"] = parts[0],
                    ["name"] = parts[1],
                    ["actions"] = parts[2].Split(',').Where(action => allowed.Contains(action) || allowed.Contains("*")).ToArray(),
                });
            }
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Service,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = user, ["jti"] = Guid.NewGuid().ToString("N"), ["access"] = access },
            AdditionalHeaderClaims = new Dictionary<string, object> { ["x5c"] = new[] { Convert.ToBase64String(certificate.RawData) } },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256),
        });
    }

    public void Dispose()
    {
        server.Dispose();
        certificate.Dispose();
        key.Dispose();
    }

    private async Task IssueAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var user = Authenticate(context.Request.Headers["Authorization"]);
        if (user is null)
        {
            response.StatusCode = 401;
            return;
        }

        var scope = string.Join(' ', context.Request.QueryString.GetValues("scope") ?? []);
        requestedScopes.Enqueue(scope);
        var token = Issue(user, scope);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { token, access_token = token, expires_in = 300, issued_at = DateTime.UtcNow.ToString("O") }));
        response.ContentType = "application/json";
        await response.OutputStream.WriteAsync(body);
    }

    private string? Authenticate(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return pair.Length == 2 && users.TryGetValue(pair[0], out var entry) && entry.Password == pair[1] ? pair[0] : null;
    }
}
