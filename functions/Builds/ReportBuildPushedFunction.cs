using Orbit.FunctionHost.Http;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds/{id}/pushed {"digest"?}</c>: the image is pushed; 202 with <c>Location</c> at the build's status,
/// 400 for a malformed digest, 404 for an unknown build, 410 for a finished one.
/// </summary>
public sealed class ReportBuildPushedFunction(BuildConversation builds) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var id = request.RouteValues["id"] as string ?? string.Empty;
        await builds.ReportPushedAsync(id, await JsonRequestBody.ReadAsync<ImagePushed>(request, cancellationToken, maxBytes: 4096), cancellationToken);
        return Results.Accepted($"{request.PathBase}/api/builds/{Uri.EscapeDataString(id)}");
    }
}
