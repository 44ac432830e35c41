using Microsoft.AspNetCore.Http;

namespace Orbit.LocalHost.Http;

/// <summary>The host's own refusals, as RFC 7807 problem details a person can act on.</summary>
public static class LocalHostProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
