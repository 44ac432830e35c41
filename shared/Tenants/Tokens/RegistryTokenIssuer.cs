using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orbit.Tenants.Scopes;
using Orbit.Tenants.Signing;

namespace Orbit.Tenants.Tokens;

/// <summary>
/// Signs registry tokens as CNCF Distribution verifies them: ES256 with a libtrust <c>kid</c>; <c>iss</c>,
/// <c>sub</c>, <c>aud</c> as a single string (an array is rejected as malformed), <c>exp</c>, <c>nbf</c>,
/// <c>iat</c>, <c>jti</c> and the granted <c>access</c> list. Times come from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class RegistryTokenIssuer(TokenSigningKeyStore keys, IOptions<RegistryAuthOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<IssuedRegistryToken> IssueAsync(string subject, IReadOnlyList<RegistryScope> granted, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var issuedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Service,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + settings.TokenLifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                ["access"] = granted.Select(scope => new Dictionary<string, object>
                {
                    ["type"] = scope.Type,
                    ["name"] = scope.Name,
                    ["actions"] = scope.Actions.ToArray(),
                }).ToArray(),
            },
            SigningCredentials = key.Credentials,
        });
        return new IssuedRegistryToken(token, (int)settings.TokenLifetime.TotalSeconds, issuedAt);
    }
}
