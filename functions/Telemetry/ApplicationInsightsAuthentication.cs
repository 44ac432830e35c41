using Azure.Core;
using Azure.Identity;

namespace Orbit.Functions.Telemetry;

/// <summary>
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> as the Functions host reads it (<c>Authorization=AAD</c>, and
/// <c>ClientId=&lt;guid&gt;</c> for a user-assigned identity), turned into the credential the Azure Monitor exporter sends with.
/// </summary>
public static class ApplicationInsightsAuthentication
{
    /// <summary>
    /// The credential, or a problem a person can act on. With a client id, that managed identity, as the host uses it;
    /// without one, <see cref="DefaultAzureCredential"/> (AZURE_CLIENT_ID, a system-assigned identity, or a developer's sign-in).
    /// </summary>
    public static string? TryParse(string text, out TokenCredential? credential)
    {
        credential = null;
        var parts = Pairs(text);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return $"{TelemetryOptions.AuthenticationStringSetting} must say Authorization=AAD (with ClientId=<client id> for a user-assigned identity).";
        }

        if (parts.TryGetValue("ClientId", out var clientId))
        {
            if (!Guid.TryParse(clientId, out _))
            {
                return $"The ClientId of {TelemetryOptions.AuthenticationStringSetting} must be the managed identity's client id, a GUID.";
            }

            credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            return null;
        }

        credential = new DefaultAzureCredential();
        return null;
    }

    /// <summary><c>Name=value;Name=value</c>, names case-insensitive, as connection strings are written.</summary>
    internal static Dictionary<string, string> Pairs(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2 && pair[0].Length > 0)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.OrdinalIgnoreCase);
}
