namespace Orbit.Functions.Dashboard;

/// <summary>
/// How the dashboard answers: HTML that no one caches, frames or scripts (the policy allows no script at all), and
/// a 303 to the sign-in form for a request without a session.
/// </summary>
public static class DashboardResponses
{
    public const string SignInPath = DashboardLayout.Home + "/sign-in";

    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Page(HttpRequest request, Html page, int status = StatusCodes.Status200OK)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Content-Security-Policy"] = ContentSecurityPolicy;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(page.Value, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>See Other: after a sign-in or sign-out, or for a page asked for without a session.</summary>
    public static IResult SeeOther(HttpRequest request, string location)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    public static IResult ToSignIn(HttpRequest request) => SeeOther(request, SignInPath);
}
