using Microsoft.Azure.Functions.Worker;

namespace Orbit.Functions.Dashboard;

/// <summary><c>POST /api/dashboard/sign-out</c>: deletes the session cookie and answers 303 to the sign-in form.</summary>
public sealed class SignOutFunction(DashboardSessions sessions)
{
    [Function("DashboardSignOut")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/sign-out")] HttpRequest request)
    {
        sessions.SignOut(request);
        return DashboardResponses.ToSignIn(request);
    }
}
