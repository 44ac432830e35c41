using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Orbit.Registry.Client;

/// <summary>A registry's <c>WWW-Authenticate</c> challenge: Basic, or Bearer with the token service's realm, service and scope.</summary>
internal sealed partial record AuthenticationChallenge(string Scheme, string? Realm, string? Service, string? Scope)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public static AuthenticationChallenge? From(HttpResponseMessage response)
    {
        foreach (var header in response.Headers.WwwAuthenticate)
        {
            if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                return Parse(header);
            }
        }

        return null;
    }

    private static AuthenticationChallenge Parse(AuthenticationHeaderValue header)
    {
        var parameters = Parameter().Matches(header.Parameter ?? string.Empty)
            .ToDictionary(match => match.Groups["name"].Value.ToLowerInvariant(), match => match.Groups["value"].Value);
        return new AuthenticationChallenge(header.Scheme, parameters.GetValueOrDefault("realm"), parameters.GetValueOrDefault("service"), parameters.GetValueOrDefault("scope"));
    }

    [GeneratedRegex("(?<name>[A-Za-z]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Parameter();
}
