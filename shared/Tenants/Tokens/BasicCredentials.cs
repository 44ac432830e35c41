using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;

namespace Orbit.Tenants.Tokens;

/// <summary>A username and password from an <c>Authorization: Basic</c> header.</summary>
public sealed record BasicCredentials(string Username, string Password)
{
    public static bool TryParse(string? header, [NotNullWhen(true)] out BasicCredentials? credentials)
    {
        credentials = null;
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return false;
        }

        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        credentials = new BasicCredentials(pair[..colon], pair[(colon + 1)..]);
        return true;
    }

    // Never print the password, whoever logs this record.
    public override string ToString() => $"BasicCredentials {{ Username = {Username} }}";
}
