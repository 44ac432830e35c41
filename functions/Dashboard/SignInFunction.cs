using Microsoft.Azure.Functions.Worker;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard/sign-in</c>: the form; <c>POST</c> with the form field <c>key</c>: the master key, taken once
/// in the body (never in a URL), checked as the host checks it, answered with the session cookie and a 303 to the home
/// page. No key, a wrong key or a function or host key: 401 and the form again, saying so. The key is never logged.
/// Anonymous at the Functions level: the key is in the body, where the host does not look.
/// </summary>
public sealed class SignInFunction(AdminKeyCheck keys, DashboardSessions sessions, ILogger<SignInFunction> logger)
{
    private const int MaxFormBytes = 4096;

    [Function("DashboardSignIn")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "dashboard/sign-in")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return sessions.IsSignedIn(request) ? DashboardResponses.SeeOther(request, DashboardLayout.Home) : DashboardResponses.Page(request, SignInPage.Render(null));
        }

        if (!request.HasFormContentType || request.ContentLength is null or > MaxFormBytes)
        {
            return DashboardResponses.Page(request, SignInPage.Render("Send the form: the admin key in the field 'key', as application/x-www-form-urlencoded."), StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var key = form["key"].ToString();
        if (!keys.IsConfigured)
        {
            logger.LogError("Dashboard sign-in refused: Dashboard:AdminKeySha256 is not set, so no key can be checked.");
            return DashboardResponses.Page(request, SignInPage.Render("Sign-in is not configured on this app (Dashboard:AdminKeySha256 is not set)."), StatusCodes.Status503ServiceUnavailable);
        }

        if (!keys.IsMasterKey(key))
        {
            logger.LogWarning("Dashboard sign-in refused: {Reason}.", key.Length == 0 ? "no key" : "not the master key");
            return DashboardResponses.Page(request, SignInPage.Render(key.Length == 0 ? "Enter the admin key." : "That is not the admin (master) key. Function and host keys do not open the dashboard."), StatusCodes.Status401Unauthorized);
        }

        sessions.SignIn(request);
        logger.LogInformation("Dashboard sign-in with the master key; the session lasts until it expires or the operator signs out.");
        return DashboardResponses.SeeOther(request, DashboardLayout.Home);
    }
}
