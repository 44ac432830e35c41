using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// The operator's session: a cookie holding a value signed and encrypted by ASP.NET Core Data Protection that expires
/// <see cref="DashboardOptions.SessionLifetime"/> after sign-in. HttpOnly, SameSite=Strict, Secure when the request came
/// over TLS, scoped to the dashboard's path. It holds no key: only when it was issued.
/// </summary>
public sealed class DashboardSessions(IDataProtectionProvider protection, IOptions<DashboardOptions> options, TimeProvider time)
{
    public const string CookieName = "orbit-dashboard";
    public const string CookiePath = "/api/dashboard";

    private const string Purpose = "Orbit.Dashboard.Session.v1";
    private const string Payload = "operator|";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public void SignIn(HttpRequest request)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.SessionLifetime;
        var value = Protector.Protect(Payload + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), expires);
        request.HttpContext.Response.Cookies.Append(CookieName, value, CookieOptions(request, expires));
    }

    public void SignOut(HttpRequest request) =>
        request.HttpContext.Response.Cookies.Delete(CookieName, CookieOptions(request, null));

    /// <summary>Whether the request carries a session this app issued and that has not expired; a tampered or foreign cookie is no session.</summary>
    public bool IsSignedIn(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            var payload = Protector.Unprotect(value, out var expiration);
            return payload.StartsWith(Payload, StringComparison.Ordinal) && expiration > time.GetUtcNow();
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether the caller reached us over TLS: directly, or through Azure's front end, which says so in X-Forwarded-Proto.</summary>
    public static bool IsHttps(HttpRequest request) =>
        request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"].ToString(), "https", StringComparison.OrdinalIgnoreCase);

    private static CookieOptions CookieOptions(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = IsHttps(request),
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
