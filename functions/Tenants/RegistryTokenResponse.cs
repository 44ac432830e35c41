using System.Text.Json.Serialization;
using Orbit.Tenants.Tokens;

namespace Orbit.Functions.Tenants;

/// <summary>The token service answer of the Docker token spec; <c>token</c> and <c>access_token</c> are the same JWT, for old and new clients.</summary>
public sealed record RegistryTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("issued_at")] string IssuedAt)
{
    public static RegistryTokenResponse From(IssuedRegistryToken issued) =>
        new(issued.Token, issued.Token, issued.ExpiresIn, issued.IssuedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
}
