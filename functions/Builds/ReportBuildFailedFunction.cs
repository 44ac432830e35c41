using Orbit.FunctionHost.Http;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds/{id}/failed {"reason"}</c>: the build failed; 202 with <c>Location</c> at the build's status,
/// 400 without a reason, 404 for an unknown build, 410 for a finished one.
/// </summary>
public sealed class ReportBuildFailedFunction(BuildConversation builds) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var id = request.RouteValues["id"] as string ?? string.Empty;
        await builds.ReportFailedAsync(id, await JsonRequestBody.ReadAsync<BuildFailed>(request, cancellationToken, maxBytes: 8192), cancellationToken);
        return Results.Accepted($"{request.PathBase}/api/builds/{Uri.EscapeDataString(id)}");
    }
}
