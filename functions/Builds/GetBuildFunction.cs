using Orbit.FunctionHost.Http;

namespace Orbit.Functions.Builds;

/// <summary><c>GET /api/builds/{id}</c>: the build's status (200), 404 for an id that is no build.</summary>
public sealed class GetBuildFunction(BuildConversation builds) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken) =>
        Results.Ok(await builds.GetAsync(request.RouteValues["id"] as string ?? string.Empty, cancellationToken));
}
