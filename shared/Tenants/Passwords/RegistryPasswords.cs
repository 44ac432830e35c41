using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Signing;

namespace Orbit.Tenants.Passwords;

/// <summary>
/// Short-lived registry passwords: a JWT signed with the issuer's key, naming the tenant, its repository and
/// (a prefix of) its key hash, so nothing is stored, every instance can check it, and rotating the key or
/// deleting the tenant ends it. Its audience is not the registry's service, so the registry itself refuses
/// it as a token: it is only good at our token endpoint, for that tenant's repository.
/// </summary>
public sealed class RegistryPasswords(TokenSigningKeyStore keys, IOptions<RegistryAuthOptions> options, TimeProvider time)
{
    private const string Audience = "orbit-registry-password";
    private const string RepositoryClaim = "repository";
    private const string KeyClaim = "key";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<RegistryPassword> IssueAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.PasswordLifetime;
        var password = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = tenant.Id.Value,
                [RepositoryClaim] = tenant.Repository.Value,
                [KeyClaim] = KeyFingerprint(tenant),
            },
            SigningCredentials = key.Credentials,
        });
        return new RegistryPassword(password, DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }

    /// <summary>Whether <paramref name="password"/> is an unexpired password issued to <paramref name="tenant"/> under its current key.</summary>
    public async Task<bool> IsValidAsync(Tenant tenant, string password, CancellationToken cancellationToken)
    {
        if (password.Length > 4096 || password.Count(c => c == '.') != 2)
        {
            return false;
        }

        var key = await keys.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var result = await Handler.ValidateTokenAsync(password, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key.ValidationKey,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } end && end > now && (notBefore is null || notBefore <= now),
        });
        return result.IsValid
            && result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var subject) && subject as string == tenant.Id.Value
            && result.Claims.TryGetValue(RepositoryClaim, out var repository) && repository as string == tenant.Repository.Value
            && result.Claims.TryGetValue(KeyClaim, out var fingerprint) && fingerprint as string == KeyFingerprint(tenant);
    }

    private static string KeyFingerprint(Tenant tenant) => tenant.KeyHash.Hex[..16];
}
